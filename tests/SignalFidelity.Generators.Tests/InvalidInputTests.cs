using Microsoft.CodeAnalysis;

namespace SignalFidelity.Generators.Tests;

/// <summary>
/// The generator reports nothing and throws nothing on invalid topology: it skips what has no single
/// owner, and leaves the explaining to the analyzer.
/// </summary>
public sealed class InvalidInputTests
{
    [Fact]
    public void Fields_without_one_owner_are_left_out_of_every_mapper_and_comparer()
    {
        const string source = """
            using SignalFidelity;
            namespace Store;

            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), FlowsTo(SyncSystem.Klaviyo, "email")]
                public string? Email { get; init; }

                [OwnedBy(SyncSystem.Shopify), OwnedBy(SyncSystem.Klaviyo), FlowsTo(SyncSystem.HubSpot, "tag"), FidelityField]
                public string? Contested { get; init; }

                [FlowsTo(SyncSystem.Klaviyo, "unowned")]
                public string? Unowned { get; init; }
            }
            """;
        var compilation = GeneratorHarness.Compilation([GeneratorHarness.Tree("Customer.cs", source)]);

        var (driver, _) = GeneratorHarness.RunAndCompile(compilation);
        var sources = GeneratorHarness.Sources(driver);

        Assert.Equal(["Customer.ShopifyToKlaviyo.g.cs", "Customer.Topology.g.cs", "GeneratedTopologyManifest.g.cs", "GeneratedWebhookRouter.g.cs", "WebhookValues.g.cs"], sources.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Contested", sources["Customer.Topology.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain("Contested", sources["Customer.ShopifyToKlaviyo.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain("Unowned", sources["GeneratedTopologyManifest.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Two_consumers_for_one_topic_and_destination_leave_it_unrouted()
    {
        const string source = """
            using SignalFidelity;
            namespace Store;

            [WebhookConsumer("orders/create", Writes = SyncSystem.Klaviyo)] public partial class First;
            [WebhookConsumer("orders/create", Writes = SyncSystem.Klaviyo)] public partial class Second;
            [WebhookConsumer("orders/create", Writes = SyncSystem.HubSpot)] public partial class ToHubSpot;
            """;

        var (driver, _) = GeneratorHarness.RunAndCompile(GeneratorHarness.Compilation([GeneratorHarness.Tree("Consumers.cs", source)]));
        string router = GeneratorHarness.Sources(driver)["GeneratedWebhookRouter.g.cs"];

        Assert.Contains("\"Store.ToHubSpot\"", router, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Store.First\"", router, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Store.Second\"", router, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_typed_declarations_produce_no_diagnostics_and_no_exception()
    {
        const string source = """
            using SignalFidelity;
            namespace Store;

            [SyncEntity(]
            public partial record Broken { [OwnedBy(] public string? X { get; init; } }

            [SyncEntity("order")]
            public partial record Order<T> { [OwnedBy(SyncSystem.Shopify)] public T? Value { get; init; } }

            [WebhookConsumer(null)] public partial class NoTopic;
            """;
        var compilation = GeneratorHarness.Compilation([GeneratorHarness.Tree("Broken.cs", source)]);

        var result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult();

        Assert.Empty(result.Diagnostics);
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.Equal(["GeneratedTopologyManifest.g.cs", "GeneratedWebhookRouter.g.cs", "WebhookValues.g.cs"], result.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }
}
