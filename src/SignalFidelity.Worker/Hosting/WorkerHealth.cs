using Microsoft.AspNetCore.Http;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// <c>GET /health</c>: unhealthy (503) when the store cannot be read, since nothing can be accepted then;
/// degraded when a configured destination fails its credential check or no CRM is configured, since deliveries
/// are still stored and wait, or when an alert message is still pending past its first retry (the check is stored, the
/// message waits in the outbox); healthy when every configured destination proved its credentials. Every part that
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

        // A lost subscription the watchdog could not recreate means changes are being missed right now.
        if (services.GetService(typeof(Pipeline.SubscriptionWatchdog)) is Pipeline.SubscriptionWatchdog { Last: { Complete: false } check })
        {
            reasons.Add($"webhooks: no subscription delivers {string.Join(", ", check.Missing.Except(check.Created))} to SignalFidelity:Shopify:WebhookUrl; run sigfid webhooks ensure");
        }

        // An alert nobody receives is a watch that went quiet; the checks are stored and the message waits, so degraded.
        var alerts = await Alerts.AlertChannelStatus.ReadAsync(store, options.Alerts, cancellationToken);
        reasons.AddRange(alerts.Where(c => c.Failing).Select(c => c.HealthReason()));

        // Intake keeps working whatever the destinations do (deliveries wait in the store), so this is
        // "degraded", not "unhealthy": Shopify must keep getting its 200s.
        return Results.Json(new { status = reasons.Count == 0 ? "healthy" : "degraded", store = "ok", destinations = checks, alerts, reasons, queue = StatusReport.From(stats) });
    }
}
