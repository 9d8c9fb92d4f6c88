using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Generated;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Worker.Tests.Hosting;

/// <summary>
/// The topology's <c>[assembly: VendorApi]</c> pins are what the analyzer checks webhook paths against (SF0007);
/// the clients must call the same versions, or the build would check one shape while the worker reads another.
/// </summary>
public sealed class VendorVersionPinTests
{
    private static string Pin(SyncSystem system) => GeneratedTopologyManifest.Instance.VendorApis.Single(v => v.System == system).Version;

    [Fact]
    public void The_Shopify_client_and_simulator_call_the_version_the_topology_pins() =>
        Assert.Equal((Pin(SyncSystem.Shopify), Pin(SyncSystem.Shopify)), (ShopifyClient.ApiVersion, ShopifySimulatorOptions.ApiVersion));

    [Fact]
    public void The_Klaviyo_client_sends_the_revision_the_topology_pins() =>
        Assert.Equal(KlaviyoClient.Revision, Pin(SyncSystem.Klaviyo));
}
