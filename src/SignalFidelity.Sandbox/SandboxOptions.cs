using SignalFidelity.Sandbox.Faults;
using SignalFidelity.Sandbox.HubSpot;
using SignalFidelity.Sandbox.Klaviyo;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Sandbox;

/// <summary>Everything a sandbox run can vary. Defaults are the vendors' published limits on real time.</summary>
public sealed class SandboxOptions
{
    /// <summary>The clock every simulator uses: the system clock, a <see cref="Clock.ScaledTimeProvider"/> or a <see cref="Clock.VirtualClock"/>.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Seeds fault injection and webhook delivery, so a run replays.</summary>
    public int Seed { get; set; } = 1;

    public ShopifySimulatorOptions Shopify { get; } = new();
    public KlaviyoSimulatorOptions Klaviyo { get; } = new();
    public HubSpotSimulatorOptions HubSpot { get; } = new();
    public WebhookDeliveryOptions Webhooks { get; } = new();

    public FaultOptions ShopifyFaults { get; } = new();
    public FaultOptions KlaviyoFaults { get; } = new();
    public FaultOptions HubSpotFaults { get; } = new();
}
