using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Clock;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Demo.Worker;

/// <summary>How the governed phase of the demo runs.</summary>
/// <param name="WorkDirectory">Where the worker's SQLite file goes (replaced if present).</param>
/// <param name="SaleOrders">Orders in the second sale, taken through webhooks.</param>
/// <param name="ClockScale">How much faster than real time the sandbox's virtual clock runs meanwhile.</param>
/// <param name="Crm">The CRM audited: its API gets the faults, and the summary names it.</param>
public sealed record GovernedRunOptions(string WorkDirectory, int SaleOrders = 1_000, int Seed = 42, double ClockScale = 20, SyncSystem Crm = SyncSystem.Klaviyo);

/// <summary>What the governed worker did.</summary>
public sealed record GovernedRunResult(
    int SaleOrders,
    int SaleCustomers,
    int WebhookEvents,
    int WebhookDeliveries,
    long StoredDeliveries,
    long DeadLetters,
    long CrmThrottled,
    long CrmFaulted,
    TimeSpan Elapsed,
    SyncSystem Crm = SyncSystem.Klaviyo);

/// <summary>
/// The demo's second half: the topology-governed worker takes over from the naive connector. It
/// backfills (its first reconciliation reads every Shopify customer through a bulk operation), then
/// takes a second sale through its webhook intake with the sandbox's faults switched on (duplicates,
/// reordering, the CRM's 429s, 5xx and dropped connections), and drains. The audit after it is the proof.
/// </summary>
public static class GovernedWorkerRun
{
    public static async Task<GovernedRunResult> RunAsync(
        SandboxHost sandbox, VirtualClock? clock, GovernedRunOptions options, IProgress<(string Stage, double Percent, string? Detail)>? progress, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        await using var pump = clock is null ? null : new ClockPump(clock, options.ClockScale);
        Directory.CreateDirectory(options.WorkDirectory);
        var database = Path.Combine(options.WorkDirectory, "worker.db");
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }

        await using var worker = await WorkerApp.BuildAsync(WorkerArgs(sandbox, database), cancellationToken: cancellationToken);
        await worker.StartAsync(cancellationToken);
        var store = worker.Services.GetRequiredService<IWorkerStore>();
        var address = worker.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        progress?.Report(("Governed worker: backfill", 0, null));
        await WaitUntilDrainedAsync(store, requireReconciliation: true, TimeSpan.FromMinutes(3), cancellationToken);
        var backfilled = await store.GetStatsAsync(cancellationToken);
        progress?.Report(("Governed worker: backfill", 100, null));

        var crm = DemoCrms.For(options.Crm);
        var faults = crm.Faults(sandbox);
        faults.ThrottleRate = 0.1;
        faults.ServerErrorRate = 0.05;
        faults.DropRate = 0.01;
        var webhooks = sandbox.Options.Webhooks;
        webhooks.DuplicateRate = 0.1;
        webhooks.ReorderWindow = TimeSpan.FromSeconds(2);
        webhooks.TargetUrl = new Uri(new Uri(address), "/webhooks/shopify");
        var attemptsBefore = sandbox.Webhooks.Attempts.Count;
        var throttledBefore = sandbox.Traffic.TotalThrottled(crm.TrafficPrefix);

        var customers = await SaleBurst.RunAsync(
            sandbox, options.SaleOrders, options.Seed, TimeSpan.FromSeconds(5),
            new InlineProgress<double>(p => progress?.Report(("Second sale through webhooks, faults on", p, null))), cancellationToken);
        progress?.Report(("Governed worker: draining", 0, null));
        await sandbox.Webhooks.DrainAsync(TimeSpan.FromMinutes(2));
        faults.Clear();
        await WaitUntilDrainedAsync(store, requireReconciliation: true, TimeSpan.FromMinutes(2), cancellationToken);
        progress?.Report(("Governed worker: draining", 100, null));

        var stats = await store.GetStatsAsync(cancellationToken);
        var attempts = sandbox.Webhooks.Attempts.Skip(attemptsBefore).ToList();
        var faulted = sandbox.Traffic.Snapshot().Where(kv => kv.Key.StartsWith(crm.TrafficPrefix, StringComparison.Ordinal)).Sum(kv => kv.Value.Faulted);
        await worker.StopAsync(cancellationToken);
        return new GovernedRunResult(
            options.SaleOrders,
            customers,
            attempts.Where(a => a.Status == 200).Select(a => a.EventId).Distinct().Count(), // events acknowledged (none was given up)
            attempts.Count(a => a.Status is not null || a.Error is not null && !a.Error.StartsWith("no target", StringComparison.Ordinal)),
            stats.Deliveries - backfilled.Deliveries,
            stats.DeadLetters,
            sandbox.Traffic.TotalThrottled(crm.TrafficPrefix) - throttledBefore,
            faulted,
            TimeProvider.System.GetElapsedTime(started),
            options.Crm);
    }

    /// <summary>
    /// The worker's settings on the demo's sandbox, on the store file <paramref name="database"/>: the settings an operator
    /// gives (<c>SignalFidelity:*</c>), with the demo's pacing; the phase after this one starts the worker again with them.
    /// </summary>
    internal static string[] WorkerArgs(SandboxHost sandbox, string database) =>
    [
        "--urls", "http://127.0.0.1:0",
        $"--SignalFidelity:Shopify:WebhookSecret={sandbox.ShopifyWebhookSecret}",
        $"--SignalFidelity:Shopify:ShopDomain={sandbox.Shopify.Store.ShopDomain}",
        $"--SignalFidelity:Shopify:AdminBaseUrl={sandbox.ShopifyBaseUrl}",
        $"--SignalFidelity:Shopify:AccessToken={sandbox.ShopifyAccessToken}",
        $"--SignalFidelity:Klaviyo:BaseUrl={sandbox.KlaviyoBaseUrl}",
        $"--SignalFidelity:Klaviyo:ApiKey={sandbox.KlaviyoApiKey}",
        // The topology sends Shopify's facts to HubSpot too; without a connection those writes would not be planned.
        $"--SignalFidelity:HubSpot:BaseUrl={sandbox.HubSpotBaseUrl}",
        $"--SignalFidelity:HubSpot:AccessToken={sandbox.HubSpotAccessToken}",
        $"--SignalFidelity:Store:Sqlite={database}",
        // The demo replays a past sale on a virtual clock: its deliveries are triggered weeks before the
        // worker (on the real clock) receives them, which a live store's freshness window would refuse.
        "--SignalFidelity:Shopify:FreshnessWindow=3650.00:00:00",
        "--SignalFidelity:Schedules:Reconciliation=01:00:00", // the first run, at start, is the backfill
        "--SignalFidelity:Schedules:CrmPoll=00:00:02",
        // The demo runs the weekly drift check itself, on its virtual clock (DemoWeeksPhase); the worker's own cron, on
        // the real clock, would add a check to the history whenever the demo happened to run across Monday 06:00.
        "--SignalFidelity:Schedules:DriftCheck=",
        "--SignalFidelity:Schedules:VolumeCheck=",
        "--SignalFidelity:Dispatch:IdlePoll=00:00:00.050",
        "--SignalFidelity:Dispatch:BatchSize=500",
        "--SignalFidelity:Dispatch:Lease=00:00:30",
        "--SignalFidelity:Dispatch:FirstBackoff=00:00:00.200",
        "--SignalFidelity:Dispatch:MaxBackoff=00:00:05",
        "--SignalFidelity:Dispatch:MaxAttempts=50",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        // The demo injects 429s, 5xx and dropped connections on purpose; each retry is counted in the
        // summary below, so Polly's per-retry warnings would only bury the progress lines.
        "--Logging:LogLevel:Polly=Error",
    ];

    /// <summary>A line for the demo's output.</summary>
    public static string Describe(GovernedRunResult result) => string.Create(CultureInfo.InvariantCulture,
        $"governed worker: {result.SaleOrders:N0} sale orders for {result.SaleCustomers:N0} customers -> {result.WebhookEvents:N0} webhook events, " +
        $"{result.WebhookDeliveries:N0} deliveries (duplicates and retries included), {result.StoredDeliveries:N0} stored once each; " +
        $"{result.Crm} answered {result.CrmThrottled:N0} x 429 and {result.CrmFaulted:N0} faults, {result.DeadLetters:N0} dead letters; {result.Elapsed.TotalSeconds:0.0} s");

    /// <summary>Waits until the worker's queue is empty three looks in a row (and, if asked, its first reconciliation ran).</summary>
    internal static async Task WaitUntilDrainedAsync(IWorkerStore store, bool requireReconciliation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var quiet = 0;
        while (quiet < 3)
        {
            var stats = await store.GetStatsAsync(deadline.Token);
            var idle = stats.PendingWrites == 0 && stats.InFlightWrites == 0 && (!requireReconciliation || stats.LastReconciliation is not null);
            quiet = idle ? quiet + 1 : 0;
            await Task.Delay(100, deadline.Token);
        }
    }

    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
