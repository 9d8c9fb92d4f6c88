using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Connectors;
using SignalFidelity.Connectors.HubSpot;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Clock;

namespace SignalFidelity.Connectors.Tests;

/// <summary>
/// A sandbox on loopback and the production clients pointed at it, sharing one clock. Tests that need
/// simulated minutes use a scaled clock so vendor limits keep their real units.
/// </summary>
public sealed class SandboxScope : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SandboxScope(SandboxHost sandbox, ServiceProvider services)
    {
        Sandbox = sandbox;
        _services = services;
    }

    public SandboxHost Sandbox { get; }
    public KlaviyoClient Klaviyo => _services.GetRequiredService<KlaviyoClient>();
    public HubSpotClient HubSpot => _services.GetRequiredService<HubSpotClient>();
    public ShopifyClient Shopify => _services.GetRequiredService<ShopifyClient>();

    /// <summary>Test budgets: short waits so a failing case fails fast, still in vendor units.</summary>
    public static ResilienceSettings FastResilience { get; } = new()
    {
        MaxRetries = 8,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(20),
        TotalBudget = TimeSpan.FromMinutes(3),
    };

    public static async Task<SandboxScope> StartAsync(double clockScale = 1, Action<SandboxOptions>? configure = null,
        ResilienceSettings? resilience = null, int hubSpotConcurrency = 8, string shopifyCustomerSelection = "")
    {
        var options = new SandboxOptions { Clock = clockScale == 1 ? TimeProvider.System : new ScaledTimeProvider(clockScale) };
        configure?.Invoke(options);
        var sandbox = await SandboxHost.StartAsync(options);
        var r = resilience ?? FastResilience;
        var services = new ServiceCollection()
            .AddKlaviyoConnector(new KlaviyoConnection { BaseUrl = sandbox.KlaviyoBaseUrl, ApiKey = sandbox.KlaviyoApiKey, Clock = options.Clock, Resilience = r })
            .AddHubSpotConnector(new HubSpotConnection
            {
                BaseUrl = sandbox.HubSpotBaseUrl, AccessToken = sandbox.HubSpotAccessToken, Clock = options.Clock, Resilience = r,
                TenSecondLimit = options.HubSpot.TenSecondLimit, DailyLimit = options.HubSpot.DailyLimit, MaxConcurrency = hubSpotConcurrency,
            })
            .AddShopifyConnector(new ShopifyConnection
            {
                ShopUrl = sandbox.ShopifyBaseUrl, AccessToken = sandbox.ShopifyAccessToken, Clock = options.Clock, Resilience = r, CustomerSelection = shopifyCustomerSelection,
            })
            .BuildServiceProvider();
        return new SandboxScope(sandbox, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
