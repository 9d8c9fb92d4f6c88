namespace SignalFidelity.EndToEnd.Tests;

/// <summary>
/// One build breaks SF0001, SF0002, SF0004, SF0005 and (owner removed) SF0003 at once, each in a file
/// of its own; a second build breaks SF0003 with a backup equal to the owner, since the owner is
/// assembly-level and cannot be both missing and present in one build.
/// </summary>
public sealed class BrokenTopologyBuildTests
{
    [Fact]
    public async Task Every_rule_fails_the_build_at_the_right_file_and_line()
    {
        using var build = TopologyBuild.CopyDefault();
        build.Write("SecondWriter.cs", """
            namespace SignalFidelity.Topology;

            public partial record Customer
            {
                /// <summary>A second app's idea of spend, written into the same Klaviyo property.</summary>
                [OwnedBy(SyncSystem.Shopify, Property = "totalSpentV2"), FlowsTo(SyncSystem.Klaviyo, "total_spent")]
                public decimal LifetimeValue { get; init; }
            }
            """);
        build.Write("Unowned.cs", """
            namespace SignalFidelity.Topology;

            public partial record Customer
            {
                /// <summary>Nobody said who writes this.</summary>
                public string? Nickname { get; init; }
            }
            """);
        build.Write("SecondConsumer.cs", """
            namespace SignalFidelity.Topology;

            /// <summary>A second consumer of orders/create writing Klaviyo.</summary>
            [WebhookConsumer("orders/create", Writes = SyncSystem.Klaviyo)]
            public partial class MarketingOrderProjection;
            """);
        build.Write("FlowBack.cs", """
            namespace SignalFidelity.Topology;

            public partial record Customer
            {
                /// <summary>Klaviyo's VIP flag, wrongly written back into Klaviyo.</summary>
                [OwnedBy(SyncSystem.Klaviyo, Property = "vip", Why = "Marketing decides who is VIP"),
                 FlowsTo(SyncSystem.Klaviyo, "vip_copy")]
                public bool? Vip { get; init; }
            }
            """);
        build.Delete("TopologyOwner.cs");

        var result = await build.BuildAsync();

        Assert.True(result.ExitCode != 0, result.Describe());
        var expected = new[]
        {
            ("SF0001", "SecondWriter.cs", 6),
            ("SF0001", "Customer.cs", build.LineOf("Customer.cs", "FlowsTo(SyncSystem.Klaviyo, \"total_spent\")")),
            ("SF0002", "Unowned.cs", 6),
            ("SF0003", "Customer.cs", build.LineOf("Customer.cs", "public partial record Customer")),
            ("SF0004", "SecondConsumer.cs", 4),
            ("SF0004", "Consumers.cs", build.LineOf("Consumers.cs", "[WebhookConsumer(\"orders/create\"")),
            ("SF0005", "FlowBack.cs", 7),
        };
        foreach (var (id, file, line) in expected)
        {
            Assert.True(result.HasError(id, file, line), $"expected error {id} at {file}({line})\n{result.Describe()}");
        }

        Assert.Equal(expected.Length, result.Errors().Count);
    }

    [Fact]
    public async Task A_backup_equal_to_the_owner_fails_the_build_at_the_attribute_and_editorconfig_turns_a_rule_off()
    {
        using var build = TopologyBuild.CopyDefault();
        var owner = build.Read("TopologyOwner.cs").Replace("Backup = \"Lee Park\"", "Backup = \"dana ortiz\"");
        build.Write("TopologyOwner.cs", owner);

        // The same build shows a rule switched off in .editorconfig is off in a real build too:
        // this field would be SF0006 (a transactional field owned by a CRM without Why).
        build.Write("CrmSpend.cs", """
            namespace SignalFidelity.Topology;

            public partial record Customer
            {
                /// <summary>Spend as Klaviyo computes it.</summary>
                [OwnedBy(SyncSystem.Klaviyo, Property = "klaviyo_spent")]
                public decimal KlaviyoSpent { get; init; }
            }
            """);
        File.WriteAllText(Path.Combine(build.ProjectDirectory, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.SF0006.severity = none\n");

        var result = await build.BuildAsync();

        Assert.True(result.ExitCode != 0, result.Describe());
        var line = build.LineOf("TopologyOwner.cs", "[assembly: TopologyOwner(");
        Assert.True(result.HasError("SF0003", "TopologyOwner.cs", line), result.Describe());
        Assert.Single(result.Errors());
        Assert.DoesNotContain("SF0006", result.Output);
    }

    [Fact]
    public async Task A_flow_into_a_property_a_declared_external_writer_writes_fails_the_build_at_both_naming_the_writer()
    {
        using var build = TopologyBuild.CopyDefault();
        build.Write("LoyaltyApp.cs", """
            using SignalFidelity;

            // The loyalty app recomputes the order count on the contact from its own cache.
            [assembly: ExternalWriter("Loyalty app", SyncSystem.HubSpot, "loyalty_tier", "order_count")]
            """);

        var result = await build.BuildAsync();

        Assert.True(result.ExitCode != 0, result.Describe());
        Assert.True(result.HasError("SF0001", "LoyaltyApp.cs", 4), result.Describe());
        var flow = build.LineOf("Customer.cs", "FlowsTo(SyncSystem.HubSpot, \"order_count\")");
        Assert.True(result.HasError("SF0001", "Customer.cs", flow), result.Describe());
        Assert.Equal(2, result.Errors().Count);
        Assert.Contains("HubSpot property 'order_count' has more than one writer (Customer.OrderCount flows into it, external writer 'Loyalty app' writes it)", result.Output);
    }

    [Fact]
    public async Task A_webhook_path_the_pinned_shopify_version_lacks_fails_the_build_through_the_imported_snapshots()
    {
        // The snapshots reach the compiler only through vendor-schemas/SignalFidelity.VendorSchemas.props/.targets.
        using var build = TopologyBuild.CopyDefault();
        build.Write("Customer.cs", build.Read("Customer.cs").Replace(
            "FromWebhook(\"customers/purchasing_summary\", \"amountSpent.amount\")",
            "FromWebhook(\"customers/purchasing_summary\", \"amountSpent.amout\")"));

        var result = await build.BuildAsync();

        Assert.True(result.ExitCode != 0, result.Describe());
        var line = build.LineOf("Customer.cs", "\"amountSpent.amout\")");
        Assert.True(result.HasError("SF0007", "Customer.cs", line), result.Describe());
        Assert.Single(result.Errors());
        Assert.Contains("Shopify API 2026-04; nearest existing paths: 'amountSpent.amount'", result.Output);
    }
}
