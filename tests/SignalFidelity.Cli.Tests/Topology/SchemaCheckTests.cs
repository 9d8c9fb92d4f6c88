namespace SignalFidelity.Cli.Tests.Topology;

/// <summary>
/// Shopify 2025-01 took the order roll-ups out of customers/* bodies. A topology pinned to 2024-10 that reads
/// total_spent from customers/update builds; `sigfid schema check --to 2025-01` names what breaks before the pin
/// moves, and moving the pin fails the build with SF0007 at that line. Real builds of a copy of the repository.
/// </summary>
public sealed class SchemaCheckTests
{
    [Fact]
    public void Moving_a_2024_10_topology_to_2025_01_is_named_by_schema_check_and_then_fails_the_build_at_the_read()
    {
        using var copy = new TempFolder();
        Repository.CopyTo(copy.Path,
            "Directory.Build.props", ".editorconfig", "Directory.Packages.props", "global.json",
            "src/SignalFidelity.Abstractions", "analyzers/SignalFidelity.Analyzers", "generators/SignalFidelity.Generators",
            "topology/SignalFidelity.Topology", "vendor-schemas");
        string customer = copy.File("topology/SignalFidelity.Topology/Customer.cs");
        string owner = copy.File("topology/SignalFidelity.Topology/TopologyOwner.cs");
        // The roll-ups as a 2024-10 topology reads them: from the customers/update body.
        Edit(customer, "FromWebhook(\"customers/purchasing_summary\", \"amountSpent.amount\")", "FromWebhook(\"customers/update\", \"total_spent\")");
        Edit(customer, "FromWebhook(\"customers/purchasing_summary\", \"numberOfOrders\")", "FromWebhook(\"customers/update\", \"orders_count\")");
        // and the last order date from orders/create alone (2024-10 has no purchasing_summary to name the last order).
        Edit(customer, "FromWebhook(\"customers/purchasing_summary\", \"lastOrderId\", ResolveThrough = \"order.createdAt\"),", string.Empty);
        Edit(owner, "VendorApi(SyncSystem.Shopify, \"2026-04\")", "VendorApi(SyncSystem.Shopify, \"2024-10\")");
        string project = copy.File("topology/SignalFidelity.Topology/SignalFidelity.Topology.csproj");

        var green = TopologyProject.Build(project, copy.File("out"));
        Assert.True(green.ExitCode == 0, "the 2024-10 topology must build:\n" + green.Output);

        var check = CliRun.Schema("check", "--to", "2025-01", "--assembly", copy.File("out/SignalFidelity.Topology.dll"), "--root", copy.Path);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("Shopify 2024-10 -> 2025-01: 2 read(s) broken.", check.Output, StringComparison.Ordinal);
        Assert.Contains("customers/update total_spent: path removed; read by Customer.TotalSpent (topology/SignalFidelity.Topology/Customer.cs:", check.Output, StringComparison.Ordinal);
        Assert.Contains("customers/update orders_count: path removed; read by Customer.OrderCount", check.Output, StringComparison.Ordinal);
        // What the target adds on the topics read: where the roll-ups went is not among them (not consumed), the checkout id is.
        Assert.DoesNotContain("added on customers/purchasing_summary", check.Output, StringComparison.Ordinal);

        Edit(owner, "VendorApi(SyncSystem.Shopify, \"2024-10\")", "VendorApi(SyncSystem.Shopify, \"2025-01\")");
        var red = TopologyProject.Build(project, copy.File("out-2025-01"));
        Assert.NotEqual(0, red.ExitCode);
        Assert.Matches(@"Customer\.cs\(\d+,\d+\): error SF0007: .*total_spent.*2025-01", red.Output);
    }

    [Fact]
    public void The_default_topology_moved_back_to_2024_10_loses_the_purchasing_summary_topic_and_an_unknown_version_names_the_known_ones()
    {
        var back = CliRun.Schema("check", "--to", "2024-10");
        Assert.Equal(1, back.ExitCode);
        Assert.Contains("customers/purchasing_summary amountSpent.amount: topic removed; read by Customer.TotalSpent", back.Output, StringComparison.Ordinal);

        Assert.Equal(0, CliRun.Schema("check", "--to", "2026-04").ExitCode);

        var unknown = CliRun.Schema("check", "--to", "2019-04");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no Shopify webhook snapshot for API version '2019-04'; versions with one: 2023-07,", unknown.Error, StringComparison.Ordinal);
    }

    private static void Edit(string path, string before, string after)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(before, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(before, after, StringComparison.Ordinal));
    }
}
