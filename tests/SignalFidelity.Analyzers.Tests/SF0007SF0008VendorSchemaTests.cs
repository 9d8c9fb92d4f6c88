using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

public sealed class SF0007SF0008VendorSchemaTests
{
    private const string Snapshot = """
        # Shopify webhook payload paths, API version 2026-04.
        customers/purchasing_summary	amountSpent	object
        customers/purchasing_summary	amountSpent.amount	string
        customers/purchasing_summary	amountSpent.currencyCode	string
        customers/purchasing_summary	numberOfOrders	integer
        customers/update	email	string
        customers/update	first_name	string
        customers/update	last_name	string
        customers/update	addresses[].city	string
        orders/create	created_at	string
        """;

    private static string Topology(string pin, string fields) => $$"""
        [assembly: VendorApi(SyncSystem.Shopify, "{{pin}}")]

        [SyncEntity("customer")]
        public partial record Customer
        {
        {{fields}}
        }
        """;

    private static Task VerifyAsync(string source, params (string Path, string Text)[] files)
    {
        var test = new TopologyAnalyzerTest<VendorSchemaAnalyzer>(source);
        foreach (var file in files)
        {
            test.TestState.AdditionalFiles.Add(file);
        }

        return test.RunAsync();
    }

    private static async Task<IReadOnlyList<Diagnostic>> RunAsync(string source, params AdditionalText[] files)
    {
        var result = await AnalyzerRun.RunAsync(AnalyzerRun.Compile([AnalyzerRun.Parse("Customer.cs", source)]), files);
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "AD0001");
        return result.Diagnostics.Where(d => d.Id is "SF0007" or "SF0008").ToList();
    }

    private static AdditionalText File2604(string? text = Snapshot) => new InMemoryAdditionalText("/repo/vendor-schemas/shopify/shopify-webhooks-2026-04.tsv", text);

    [Fact]
    public Task Known_topics_and_paths_are_clean()
    {
        var source = Topology("2026-04", """
                [OwnedBy(SyncSystem.Shopify, Property = "email"), FromWebhook("customers/update", "email"), FromWebhook(" Customers/Update ", " email ")]
                public string? Email { get; init; }

                [OwnedBy(SyncSystem.Shopify), FromWebhook("customers/purchasing_summary", "amountSpent.amount")]
                public decimal? TotalSpent { get; init; }
            """);
        return VerifyAsync(source, ("/0/shopify-webhooks-2026-04.tsv", Snapshot));
    }

    [Fact]
    public Task An_unknown_path_and_an_unknown_topic_are_SF0007_at_the_attribute()
    {
        var source = Topology("2026-04", """
                [OwnedBy(SyncSystem.Shopify, Property = "email"), {|SF0007:FromWebhook("customers/update", "emial")|}]
                public string? Email { get; init; }

                [OwnedBy(SyncSystem.Shopify), {|SF0007:FromWebhook("customers/purchasing_summery", "numberOfOrders")|}]
                public int? OrdersCount { get; init; }
            """);
        return VerifyAsync(source, ("/0/shopify-webhooks-2026-04.tsv", Snapshot));
    }

    [Fact]
    public async Task The_unknown_path_message_names_the_version_and_the_nearest_paths()
    {
        var diagnostics = await RunAsync(Topology("2026-04", """
                [OwnedBy(SyncSystem.Shopify), FromWebhook("customers/purchasing_summary", "amountspent.amout")]
                public decimal? TotalSpent { get; init; }
            """), File2604());

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "Webhook path 'amountspent.amout' is not in the 'customers/purchasing_summary' payload of Shopify API 2026-04; nearest existing paths: 'amountSpent.amount', 'amountSpent', 'amountSpent.currencyCode'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_unknown_topic_message_names_the_version_and_the_nearest_topics()
    {
        var diagnostics = await RunAsync(Topology("2026-04", """
                [OwnedBy(SyncSystem.Shopify), FromWebhook("order/create", "created_at")]
                public DateTimeOffset? LastOrderAt { get; init; }
            """), File2604());

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(
            "Webhook topic 'order/create' does not exist in Shopify API 2026-04; nearest existing topics: 'orders/create', 'customers/update', 'customers/purchasing_summary'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task A_pin_without_a_snapshot_is_SF0008_at_the_pin()
    {
        var source = """
            [assembly: {|SF0008:VendorApi(SyncSystem.Shopify, "2026-07")|}]
            [assembly: VendorApi(SyncSystem.Klaviyo, "2026-07-15")]

            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify, Property = "email"), FromWebhook("customers/update", "no_such_path")]
                public string? Email { get; init; }
            }
            """;
        return VerifyAsync(source, ("/0/shopify-webhooks-2026-04.tsv", Snapshot));
    }

    [Fact]
    public async Task The_SF0008_message_names_the_version_and_the_missing_file()
    {
        var diagnostic = Assert.Single(await RunAsync(Topology("2026-07", "")));

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.StartsWith("Shopify API 2026-07 is pinned but no snapshot shopify-webhooks-2026-07.tsv is among the AdditionalFiles", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task A_topology_without_a_shopify_pin_is_not_checked()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify, Property = "email"), FromWebhook("customers/update", "no_such_path")]
                public string? Email { get; init; }
            }
            """;
        return VerifyAsync(source);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a snapshot\n\u0000\u0001\tonly-two-columns\n\t\t\n####")]
    [InlineData(null)]
    public async Task A_malformed_snapshot_does_not_crash_and_counts_as_missing(string? text)
    {
        var diagnostics = await RunAsync(Topology("2026-04", """
                [OwnedBy(SyncSystem.Shopify), FromWebhook("customers/update", "email")]
                public string? Email { get; init; }
            """), File2604(text));

        Assert.Equal(["SF0008"], diagnostics.Select(d => d.Id));
    }

    [Fact]
    public async Task Malformed_lines_are_skipped_and_the_well_formed_ones_still_checked()
    {
        var diagnostics = await RunAsync(Topology("2026-04", """
                [OwnedBy(SyncSystem.Shopify), FromWebhook("customers/update", "email")]
                public string? Email { get; init; }

                [OwnedBy(SyncSystem.Shopify), FromWebhook("customers/update", "phone")]
                public string? Phone { get; init; }
            """), File2604("garbage line\ncustomers/update\temail\tstring\ncustomers/update\tphone\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("SF0007", diagnostic.Id);
        Assert.Contains("'email'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_committed_snapshots_are_tab_separated_with_arrays_as_name_brackets()
    {
        // DefaultTopologyTests runs the default topology against the committed snapshots; this pins their format.
        var snapshot = RepositoryPaths.VendorSnapshots().Single(f => f.Path.EndsWith("shopify-webhooks-2026-04.tsv", StringComparison.Ordinal)).GetText()!.ToString();

        Assert.Contains("customers/update\temail\tstring\n", snapshot);
        Assert.Contains("customers/update\taddresses[].city\tstring\n", snapshot);
        Assert.Contains("customers/purchasing_summary\tamountSpent.amount\tstring\n", snapshot);
    }
}
