using SignalFidelity.Generated;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;

namespace SignalFidelity.Generators.Tests;

/// <summary>Runs the generated webhook router of the default topology.</summary>
public sealed class RouterBehaviourTests
{
    [Fact]
    public void A_declared_topic_routes_to_its_one_consumer()
    {
        RouteResult result = GeneratedWebhookRouter.Route("orders/create");

        Assert.True(result.IsRouted);
        Assert.Equal("orders/create", result.Topic);
        Assert.Equal(
            [(SyncSystem.Klaviyo, typeof(KlaviyoOrderCreatedProjection).FullName), (SyncSystem.HubSpot, typeof(HubSpotOrderCreatedProjection).FullName)],
            result.Routes.Select(r => (r.Destination, (string?)r.Consumer)));
    }

    [Fact]
    public void Every_declared_topic_has_exactly_one_consumer_per_destination()
    {
        var manifest = GeneratedTopologyManifest.Instance;

        Assert.Equal(manifest.Consumers.Select(c => c.Topic).Distinct().Order(StringComparer.Ordinal), GeneratedWebhookRouter.Topics);
        foreach (ConsumerInfo consumer in manifest.Consumers)
        {
            var route = Assert.Single(GeneratedWebhookRouter.Route(consumer.Topic).Routes, r => r.Destination == consumer.Writes);
            Assert.Equal(consumer.TypeName, route.Consumer);
        }
    }

    [Theory]
    [InlineData("products/create")]
    [InlineData("ORDERS/CREATE")]
    [InlineData("")]
    public void An_unknown_topic_is_an_explicit_unrouted_result(string topic)
    {
        RouteResult result = GeneratedWebhookRouter.Route(topic);

        Assert.False(result.IsRouted);
        Assert.Empty(result.Routes);
        Assert.Equal(topic, result.Topic);
    }

    [Fact]
    public void Manifest_holds_the_default_topology()
    {
        var manifest = GeneratedTopologyManifest.Instance;

        Assert.Equal("@dana-ortiz", manifest.Owner?.GitHub);
        Assert.Equal("@lee-park", manifest.Owner?.BackupGitHub);
        Assert.Equal(["Shopify:2026-04", "Klaviyo:2026-07-15"], manifest.VendorApis.Select(v => $"{v.System}:{v.Version}"));
        var customer = Assert.Single(manifest.Entities);
        Assert.Equal("customer", customer.Name);
        Assert.Equal(12, customer.Fields.Count);
        var primaryTag = customer.Fields.Single(f => f.Name == "PrimaryTag");
        Assert.Equal(SyncSystem.Klaviyo, primaryTag.Owner);
        Assert.Equal("Segments are built in Klaviyo", primaryTag.Why);
        Assert.Equal("tags", Assert.Single(primaryTag.Flows).Property);
        Assert.Equal(24, customer.Fields.Single(f => f.Name == "LastOrderDate").Tolerance?.Hours);
        Assert.Equal(14, manifest.Consumers.Count); // seven topics, each read once for Klaviyo and once for HubSpot
    }

    [Fact]
    public void Manifest_holds_the_external_writers_in_system_then_name_order()
    {
        var source = GeneratorHarness.Tree("Writers.cs", """
            using SignalFidelity;
            [assembly: ExternalWriter("Loyalty app", SyncSystem.HubSpot, "loyalty_tier", " points ")]
            [assembly: ExternalWriter("Klaviyo Shopify integration", SyncSystem.Klaviyo, "Accepts Marketing")]
            [assembly: ExternalWriter("Half typed", SyncSystem.Klaviyo)]
            [assembly: ExternalWriter("", SyncSystem.Klaviyo, "ignored")]
            """);
        var (_, output) = GeneratorHarness.RunAndCompile(GeneratorHarness.Compilation([source]));
        var assembly = GeneratorHarness.Load(output, "external-writers");
        var manifest = (SignalFidelity.Runtime.TopologyManifest)assembly.GetType("SignalFidelity.Generated.GeneratedTopologyManifest")!
            .GetProperty("Instance")!.GetValue(null)!;

        Assert.Equal(
            ["Klaviyo/Half typed/", "Klaviyo/Klaviyo Shopify integration/Accepts Marketing", "HubSpot/Loyalty app/loyalty_tier,points"],
            manifest.ExternalWriters.Select(w => $"{w.System}/{w.Name}/{string.Join(",", w.Properties)}"));
    }

    [Fact]
    public void Default_manifest_declares_the_native_integrations_as_external_writers()
    {
        var writers = GeneratedTopologyManifest.Instance.ExternalWriters;

        Assert.Contains(writers, w => w.System == SyncSystem.Klaviyo && w.Properties.Contains("Accepts Marketing") && w.Properties.Contains("Shopify Tags"));
        Assert.Contains(writers, w => w.System == SyncSystem.HubSpot && w.Properties.Contains("zip"));
    }
}
