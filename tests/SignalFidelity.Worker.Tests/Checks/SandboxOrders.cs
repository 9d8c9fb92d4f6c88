using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Connectors;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Core.Mapping;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>
/// Orders for the volume check: placed in the sandbox's Shopify store, and the ones that reach the CRM recorded as
/// Klaviyo "Placed Order" events through Klaviyo's own events API, as the native integration records them.
/// </summary>
internal sealed class SandboxOrders(SandboxHost sandbox, ServiceProvider services) : IAsyncDisposable
{
    private readonly Random _random = new(7);
    private readonly KlaviyoClient _klaviyo = services.GetRequiredService<KlaviyoClient>();
    private long _id = 1000;

    public static SandboxOrders For(SandboxHost sandbox) => new(sandbox, new ServiceCollection()
        .AddKlaviyoConnector(new KlaviyoConnection { BaseUrl = sandbox.KlaviyoBaseUrl, ApiKey = sandbox.KlaviyoApiKey })
        .BuildServiceProvider());

    /// <summary>The latest day already past the webhook lag (1 h) with room to spare when the check runs.</summary>
    public static DateOnly LastJudgedDay(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return now.TimeOfDay < TimeSpan.FromHours(1.5) ? today.AddDays(-2) : today.AddDays(-1);
    }

    /// <summary>
    /// Places 8 to 13 orders at random times of <paramref name="day"/>; those whose index <paramref name="lost"/> picks
    /// never reach the CRM and are returned.
    /// </summary>
    public async Task<IReadOnlyList<ShopifyOrderRecord>> PlaceDayAsync(DateOnly day, Func<int, bool>? lost = null)
    {
        var missing = new List<ShopifyOrderRecord>();
        var orders = 8 + _random.Next(6);
        for (var i = 0; i < orders; i++)
        {
            var placed = new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 0)), TimeSpan.Zero).AddMinutes(_random.Next(24 * 60));
            var order = new ShopifyOrderRecord { Id = ++_id, Number = (int)_id, CustomerId = null, Email = $"buyer{_id}@store.example", CreatedAt = placed, Total = 20 };
            sandbox.Shopify.Store.AddOrder(order);
            if (lost?.Invoke(i) == true) missing.Add(order);
            else await ReachCrmAsync(order);
        }

        return missing;
    }

    /// <summary>Records <paramref name="order"/>'s event in Klaviyo (a late delivery, when called for a lost one).</summary>
    public Task ReachCrmAsync(ShopifyOrderRecord order) => _klaviyo.CreateEventAsync(new KlaviyoEvent
    {
        MetricName = KlaviyoNativeIntegration.OrderMetric,
        Profile = new KlaviyoProfile { Email = order.Email },
        UniqueId = order.Name,
        Time = order.CreatedAt,
        Value = order.Total,
    });

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
