using SignalFidelity.Audit;
using SignalFidelity.Cli.Demo.Worker;
using SignalFidelity.Core.Reports;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Clock;

namespace SignalFidelity.Cli.Demo;

/// <summary>What the second half of the demo produced.</summary>
public sealed record DemoAfterResult(AuditReport Report, IReadOnlyList<string> ReportFiles, GovernedRunResult Worker, string ExportDirectory);

/// <summary>
/// The demo's second half, on the same sandbox as the first: the topology-governed worker takes over
/// (backfill, then a second sale through its webhook intake with faults on), both sides are exported
/// again and audited by the same engine, into <c>after/</c>.
/// </summary>
public static class DemoAfterPhase
{
    public static async Task<DemoAfterResult> RunAsync(
        SandboxHost sandbox, VirtualClock clock, DemoOptions options, IProgress<DemoProgress>? progress, CancellationToken cancellationToken)
    {
        var afterDirectory = Path.Combine(options.OutputDirectory, "after");
        var crm = DemoCrms.For(options.Crm);
        // The naive connector (and the apps around it) are switched off when the governed worker takes over: the
        // inventory the after audit reads is the change history from the switch on, as an operator would pull it.
        crm.Writers(sandbox).Forget();
        var worker = await GovernedWorkerRun.RunAsync(
            sandbox,
            clock,
            new GovernedRunOptions(Path.Combine(afterDirectory, "worker"), SaleOrders: Math.Clamp(options.Customers / 5, 100, 2_000), Seed: options.Seed, Crm: options.Crm),
            new Inline<(string Stage, double Percent, string? Detail)>(p => progress?.Report(new DemoProgress(p.Stage, p.Percent, p.Detail))),
            cancellationToken);

        progress?.Report(new DemoProgress("Exporting both sides again", 0));
        var exportDirectory = Path.Combine(afterDirectory, "exports");
        var paths = DemoExports.Write(sandbox, crm, exportDirectory);
        progress?.Report(new DemoProgress("Exporting both sides again", 100));

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
            AsOf = clock.GetUtcNow().AddMinutes(5),
            ListingDirectory = afterDirectory,
        };
        progress?.Report(new DemoProgress("Auditing again", 0));
        var report = await DefaultTopologyAudit.CreateRunner().RunAsync(audit, null, cancellationToken);
        var files = AuditRunner.WriteReports(report, afterDirectory);
        progress?.Report(new DemoProgress("Auditing again", 100));
        return new DemoAfterResult(report, files, worker, exportDirectory);
    }

    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
