using Microsoft.AspNetCore.Http;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// <c>GET /health</c>: unhealthy (503) when the store cannot be read, since nothing can be accepted then;
/// degraded when a configured destination fails its credential check or no CRM is configured, since deliveries
/// are still stored and wait, or when an alert message is still pending past its first retry (the check is stored, the
/// message waits in the outbox), or when a shop's subscription watchdog could not recreate a lost subscription (every
/// shop's last check is listed under <c>webhooks</c>); healthy when every configured destination proved its credentials. Every part that
/// is not ok carries its reason, naming the setting to fix.
/// </summary>
public static class WorkerHealth
{
    /// <summary>The reason given when no CRM destination is configured.</summary>
    public const string NoDestination =
        "no CRM destination is configured, so writes wait in the store: set SignalFidelity:Klaviyo:BaseUrl and SignalFidelity:Klaviyo:ApiKey, "
        + "or SignalFidelity:HubSpot:BaseUrl and SignalFidelity:HubSpot:AccessToken";

    /// <summary>Answers <c>/health</c>.</summary>
    public static async Task<IResult> HandleAsync(
        IWorkerStore store, DestinationHealth destinations, WorkerOptions options, IServiceProvider services, CancellationToken cancellationToken)
    {
        QueueStats stats;
        try
        {
            stats = await store.GetStatsAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Results.Json(
                new { status = "unhealthy", store = "unreachable", reasons = new[] { $"store: {exception.GetType().Name}: {exception.Message}; check {StoreStartup.SettingOf(options.Store)}" } },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var checks = await destinations.CheckAsync(cancellationToken);
        var reasons = checks.Where(c => !c.Value.Ok).Select(c => $"{c.Key}: {c.Value.Reason}").ToList();
        if (!destinations.AnyCrmConfigured)
        {
            reasons.Add(NoDestination);
        }

        // Every other shop's destinations, each reason naming its shop (and its settings, under SignalFidelity:Shops:<shop>).
        if (services.GetService(typeof(ShopWorkers)) is ShopWorkers others)
        {
            foreach (var (shop, shopServices) in others.Shops)
            {
                var shopChecks = await ((DestinationHealth)shopServices.GetService(typeof(DestinationHealth))!).CheckAsync(cancellationToken);
                reasons.AddRange(shopChecks.Where(c => !c.Value.Ok).Select(c => $"{shop} {c.Key}: {c.Value.Reason}"));
            }
        }

        // A lost subscription the watchdog could not recreate means changes are being missed right now, in whichever shop.
        var webhooks = WatchdogsOf(options, services).Select(w => WebhookHealth.Of(w.Shop, w.Watchdog.Last)).ToList();
        foreach (var shop in webhooks.Where(w => w.Complete == false))
        {
            var (label, flag) = shop.Shop == StoreFactory.MainShopOf(options) ? ("webhooks", "") : ($"{shop.Shop} webhooks", $" --shop {shop.Shop}");
            reasons.Add($"{label}: no subscription delivers {string.Join(", ", shop.Missing)} to SignalFidelity:Shopify:WebhookUrl; run sigfid webhooks ensure{flag}");
        }

        // An alert nobody receives is a watch that went quiet; the checks are stored and the message waits, so degraded.
        var alerts = await Alerts.AlertChannelStatus.ReadAsync(store, options.Alerts, cancellationToken);
        reasons.AddRange(alerts.Where(c => c.Failing).Select(c => c.HealthReason()));

        // Intake keeps working whatever the destinations do (deliveries wait in the store), so this is
        // "degraded", not "unhealthy": Shopify must keep getting its 200s.
        return Results.Json(new { status = reasons.Count == 0 ? "healthy" : "degraded", store = "ok", destinations = checks, webhooks, alerts, reasons, queue = StatusReport.From(stats) });
    }

    /// <summary>Every shop's subscription watchdog (the main shop's first), for the shops whose Admin API and webhook URL are set.</summary>
    private static IEnumerable<(string Shop, Pipeline.SubscriptionWatchdog Watchdog)> WatchdogsOf(WorkerOptions options, IServiceProvider services)
    {
        var shops = new List<(string Shop, IServiceProvider Services)> { (StoreFactory.MainShopOf(options), services) };
        if (services.GetService(typeof(ShopWorkers)) is ShopWorkers others)
        {
            shops.AddRange(others.Shops);
        }

        return shops
            .Select(s => (s.Shop, Watchdog: s.Services.GetService(typeof(Pipeline.SubscriptionWatchdog)) as Pipeline.SubscriptionWatchdog))
            .Where(s => s.Watchdog is not null)
            .Select(s => (s.Shop, s.Watchdog!));
    }

    /// <summary>One shop's watchdog on <c>/health</c>: when it last looked, and what it could not recreate (null before its first run).</summary>
    private sealed record WebhookHealth(string Shop, DateTimeOffset? CheckedAt, bool? Complete, IReadOnlyList<string> Missing)
    {
        public static WebhookHealth Of(string shop, Pipeline.SubscriptionCheck? last) =>
            new(shop, last?.At, last?.Complete, last is null ? [] : [.. last.Missing.Except(last.Created)]);
    }
}
