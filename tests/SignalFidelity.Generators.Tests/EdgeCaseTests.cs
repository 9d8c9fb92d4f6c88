namespace SignalFidelity.Generators.Tests;

/// <summary>Valid topologies of unusual shape must still produce code that compiles without warnings.</summary>
public sealed class EdgeCaseTests
{
    [Fact]
    public void An_internal_entity_with_a_field_named_Source_in_the_global_namespace_compiles()
    {
        const string source = """
            using System;
            using SignalFidelity;

            [SyncEntity("lead")]
            internal partial record Lead
            {
                [OwnedBy(SyncSystem.Shopify, Property = "source"), FlowsTo(SyncSystem.HubSpot, "lead_source"), FidelityField]
                public string? Source { get; init; }

                [OwnedBy(SyncSystem.Shopify, Property = "destination"), FlowsTo(SyncSystem.HubSpot, "destination"), FlowsTo(SyncSystem.Klaviyo, "destination")]
                public string? Destination { get; init; }

                [OwnedBy(SyncSystem.HubSpot, Property = "score", Why = "Scoring runs in HubSpot"), FlowsTo(SyncSystem.Klaviyo, "hubspot_score"), FidelityField, DriftTolerance(Amount = 0.5)]
                public double Score { get; init; }

                [OwnedBy(SyncSystem.HubSpot, Property = "converted_at", Why = "Sales marks conversions in HubSpot"), FidelityField, DriftTolerance(Hours = 1)]
                public DateTime? ConvertedAt { get; init; }

                [OwnedBy(SyncSystem.HubSpot, Property = "tier", Why = "Sales sets tiers"), FidelityField]
                public DayOfWeek Tier { get; init; }
            }

            [WebhookConsumer("customers/create", Writes = SyncSystem.HubSpot)]
            internal static partial class HubSpotLeadProjection;
            """;

        var (driver, _) = GeneratorHarness.RunAndCompile(GeneratorHarness.Compilation([GeneratorHarness.Tree("Lead.cs", source)]));
        var sources = GeneratorHarness.Sources(driver);

        Assert.Contains("internal sealed partial class LeadShopifyToHubSpotPatch", sources["Lead.ShopifyToHubSpot.g.cs"], StringComparison.Ordinal);
        Assert.Contains("global::SignalFidelity.Runtime.IDestinationPatch.Source =>", sources["Lead.ShopifyToHubSpot.g.cs"], StringComparison.Ordinal);
        Assert.Contains("internal sealed partial class LeadFidelityComparer", sources["Lead.FidelityComparer.g.cs"], StringComparison.Ordinal);
        Assert.Equal(
            ["GeneratedTopologyManifest.g.cs", "GeneratedWebhookRouter.g.cs", "HubSpotLeadProjection.WebhookConsumer.g.cs",
             "Lead.FidelityComparer.g.cs", "Lead.HubSpotToKlaviyo.g.cs", "Lead.ShopifyToHubSpot.g.cs", "Lead.ShopifyToKlaviyo.g.cs",
             "Lead.Topology.g.cs", "WebhookValues.g.cs"],
            sources.Keys.Order(StringComparer.Ordinal));
    }
}
