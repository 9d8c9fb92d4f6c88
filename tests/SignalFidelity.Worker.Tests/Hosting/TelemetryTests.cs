using System.Net;

namespace SignalFidelity.Worker.Tests.Hosting;

/// <summary>The series an operator's Prometheus scrapes, after real deliveries over HTTP, and the two health probes.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_show_deliveries_by_topic_and_outcome_and_the_queue_after_real_deliveries()
    {
        await using var worker = await RunningWorker.StartAsync();
        var body = SharedReference.ShopifyWebhook("customers_update.json");
        await worker.PostAsync("customers/update", body, eventId: "evt-m1", webhookId: "wh-m1");
        await worker.PostAsync("customers/update", body, eventId: "evt-m1", webhookId: "wh-m1"); // Shopify's retry
        await worker.PostAsync("customers/update", body, signature: "forged");

        var metrics = "";
        // One series per shop the worker serves, labelled with it.
        var pendingOfShop = $"sigfid_writes_pending{{otel_scope_name=\"SignalFidelity.Worker\",shop=\"{RunningWorker.DefaultShop}\"}}";
        for (var i = 0; i < 150 && !metrics.Contains(pendingOfShop, StringComparison.Ordinal); i++)
        {
            await Task.Delay(200); // the queue gauges are read every 5 s, the first time at start
            metrics = await worker.Client.GetStringAsync("/metrics");
        }

        Assert.Contains("sigfid_deliveries_total{otel_scope_name=\"SignalFidelity.Worker\",outcome=\"stored\",topic=\"customers/update\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"duplicate\",topic=\"customers/update\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"refused\",topic=\"customers/update\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains(pendingOfShop, metrics, StringComparison.Ordinal);
        Assert.Contains("sigfid_write_lag_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("sigfid_dead_letters", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_and_ready_probes_answer()
    {
        await using var worker = await RunningWorker.StartAsync();

        using var live = await worker.Client.GetAsync("/health/live");
        using var ready = await worker.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
