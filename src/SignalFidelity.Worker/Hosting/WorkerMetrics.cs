using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// The worker's own series, on the <c>SignalFidelity.Worker</c> meter (exported on <c>/metrics</c> in Prometheus
/// form and by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set). Names as Prometheus shows them:
/// <list type="bullet">
/// <item><c>sigfid_deliveries_total{topic, outcome}</c>: every webhook delivery intake answered (stored, duplicate,
/// unrouted, dead-lettered, compliance-handled, refused, busy).</item>
/// <item><c>sigfid_writes_pending</c>, <c>sigfid_writes_in_flight</c>, <c>sigfid_write_lag_seconds</c> (age of the
/// oldest write not yet accepted), <c>sigfid_dead_letters</c>, <c>sigfid_last_reconciliation_timestamp_seconds</c>:
/// each shop's queue (label <c>shop</c>), read every few seconds.</item>
/// <item><c>sigfid_resolutions_total{lookup, outcome}</c>: references a delivery named (purchasing_summary's
/// <c>lastOrderId</c>) read from Shopify, answered from the cache, or left unresolved (the field waits for reconciliation).</item>
/// <item>Vendor calls by status (429s included) come from the HttpClient instrumentation:
/// <c>http_client_request_duration_seconds_count{server_address, http_response_status_code}</c>.</item>
/// </list>
/// </summary>
public sealed class WorkerMetrics : IDisposable
{
    public const string MeterName = "SignalFidelity.Worker";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _resolutions;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, QueueStats> _queues = new(StringComparer.Ordinal);

    public WorkerMetrics()
    {
        _deliveries = _meter.CreateCounter<long>("sigfid.deliveries", description: "Webhook deliveries answered by intake, by topic and outcome");
        _resolutions = _meter.CreateCounter<long>("sigfid.resolutions", description: "References in deliveries resolved through the Shopify Admin API, by lookup and outcome (read, cached, unresolved)");
        _meter.CreateObservableGauge("sigfid.writes.pending", () => PerShop(q => q.PendingWrites), description: "Destination writes waiting to be sent");
        _meter.CreateObservableGauge("sigfid.writes.in_flight", () => PerShop(q => q.InFlightWrites), description: "Destination writes being sent");
        _meter.CreateObservableGauge("sigfid.write.lag", () => PerShop(q => q.Lag.TotalSeconds), unit: "s", description: "Age of the oldest write not yet accepted by its destination");
        _meter.CreateObservableGauge("sigfid.dead_letters", () => PerShop(q => q.DeadLetters), description: "Dead letters not yet replayed");
        _meter.CreateObservableGauge(
            "sigfid.last_reconciliation.timestamp",
            () => PerShop(q => q.LastReconciliation?.ToUnixTimeSeconds() ?? 0),
            unit: "s",
            description: "When the reconciliation pull last ran (Unix time; 0 before the first)");
    }

    private IEnumerable<Measurement<T>> PerShop<T>(Func<QueueStats, T> value)
        where T : struct =>
        _queues.Values.Select(q => new Measurement<T>(value(q), new KeyValuePair<string, object?>("shop", q.Shop))).ToList();

    /// <summary>Counts one delivery's answer.</summary>
    public void Delivery(string topic, string outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("topic", topic), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Counts one reference resolved (read, cached) or left unresolved.</summary>
    public void Resolution(string lookup, string outcome) =>
        _resolutions.Add(1, new KeyValuePair<string, object?>("lookup", lookup), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>The latest queue figures of the shop they are of, for the gauges.</summary>
    public void Queue(QueueStats stats) => _queues[stats.Shop] = stats;

    public void Dispose() => _meter.Dispose();
}

/// <summary>Reads the store's queue figures for the gauges every few seconds (a scrape must not wait on the database).</summary>
public sealed class QueueMetricsRefresher(IWorkerStore store, WorkerOptions options, WorkerMetrics metrics, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var (shop, _, _) in ShopOptions.All(options))
                {
                    metrics.Queue(await store.ForShop(shop).GetStatsAsync(stoppingToken));
                }

                await Task.Delay(Every, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The store is down or a read timed out: /health says so; the gauges keep their last values until it is back.
                await Task.Delay(Every, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
