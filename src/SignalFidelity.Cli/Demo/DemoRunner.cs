using SignalFidelity.Audit;
using SignalFidelity.Core.Reports;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Clock;
using SignalFidelity.Sandbox.Naive;
using SignalFidelity.Sandbox.Seeding;

namespace SignalFidelity.Cli.Demo;

/// <summary>One stage of the demo and how far it got, for the progress display.</summary>
public readonly record struct DemoProgress(string Stage, double Percent, string? Detail = null);

/// <summary>What the first half of the demo produced.</summary>
public sealed record DemoBeforeResult(AuditReport Report, IReadOnlyList<string> ReportFiles, NaiveRunStats Naive, int Customers, int Orders, string ExportDirectory);

/// <summary>
/// The demo's story up to the first audit: seed a store in the sandbox, let the naive connector sync it
/// through a Black Friday, export both sides as the vendors would, and audit them with the same engine
/// <c>sigfid audit</c> uses. The drift figure is whatever the audit measures.
/// </summary>
public static class DemoRunner
{
    /// <param name="afterAudit">
    /// Runs while the sandbox is still up, after the first audit: the governed worker's phase
    /// (<see cref="DemoAfterPhase"/>) uses the same store and CRM.
    /// </param>
    public static async Task<DemoBeforeResult> RunBeforeAsync(DemoOptions options, IProgress<DemoProgress>? progress = null,
        Func<SandboxHost, VirtualClock, Task>? afterAudit = null, CancellationToken cancellationToken = default)
    {
        if (options.Customers < DemoOptions.MinimumCustomers) throw new ArgumentOutOfRangeException(nameof(options), options.Customers, $"--customers: the demo needs at least {DemoOptions.MinimumCustomers} customers.");
        var scenario = new StoreScenario { Customers = options.Customers, Seed = options.Seed };

        progress?.Report(new DemoProgress("Seeding the store", 0));
        var store = StoreGenerator.Generate(scenario);
        var clock = new VirtualClock(scenario.WindowStart);
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Clock = clock, Seed = options.Seed }, cancellationToken);
        store.LoadInto(sandbox.Shopify.Store);
        progress?.Report(new DemoProgress("Seeding the store", 100, $"{store.Customers.Count:N0} customers, {store.Orders.Count:N0} orders"));

        var crm = DemoCrms.For(options.Crm);
        var naive = new NaiveConnector(sandbox, clock, store, new NaiveScenario(), options.Crm);
        var stats = await naive.RunAsync(new InlineProgress<(DateTimeOffset At, int Percent)>(p =>
            progress?.Report(new DemoProgress("Naive connector syncing 90 days", p.Percent, $"{p.At:yyyy-MM-dd}"))), cancellationToken);

        progress?.Report(new DemoProgress("Exporting both sides", 0));
        var exportDirectory = Path.Combine(options.OutputDirectory, "before", "exports");
        var paths = DemoExports.Write(sandbox, crm, exportDirectory);
        progress?.Report(new DemoProgress("Exporting both sides", 100));

        var audit = new AuditOptions
        {
            ShopifyCustomersPath = paths.ShopifyCustomers,
            ShopifyOrdersPath = paths.ShopifyOrders,
            Crm = options.Crm,
            CrmProfilesPath = paths.CrmProfiles,
            CrmOrdersPath = paths.CrmPlacedOrders,
            WritersPath = paths.Writers,
            SampleSize = 200,
            Seed = options.Seed,
            ShopCurrency = "USD",
            AsOf = scenario.WindowEnd.AddHours(2),
            ListingDirectory = Path.Combine(options.OutputDirectory, "before"),
        };
        progress?.Report(new DemoProgress("Auditing", 0));
        // No byte progress: the demo's exports are read in well under a second.
        var report = await DefaultTopologyAudit.CreateRunner().RunAsync(audit, null, cancellationToken);
        var files = AuditRunner.WriteReports(report, audit.ListingDirectory);
        progress?.Report(new DemoProgress("Auditing", 100));
        if (afterAudit is not null) await afterAudit(sandbox, clock);
        return new DemoBeforeResult(report, files, stats, store.Customers.Count, store.Orders.Count, exportDirectory);
    }

    /// <summary>Reports in place: Progress&lt;T&gt; would post to the thread pool and could report after a stage ended.</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
