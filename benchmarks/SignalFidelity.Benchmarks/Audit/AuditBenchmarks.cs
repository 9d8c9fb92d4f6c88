using BenchmarkDotNet.Attributes;
using nietras.SeparatedValues;
using SignalFidelity.Audit;

namespace SignalFidelity.Benchmarks.Audit;

/// <summary>
/// The full-population diff (<c>sigfid audit --sample all</c>) over 1,000,000 customer pairs read from
/// CSV, against a bare hash join of the same two customer files in the same run. Per-operation times
/// are per customer pair (OperationsPerInvoke), so pairs/s = 1e9 / Mean(ns). Peak working set is
/// printed by GlobalCleanup ("// peak working set").
/// Run: dotnet run -c Release --project benchmarks/SignalFidelity.Benchmarks -- --filter '*AuditBenchmarks*'
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class AuditBenchmarks
{
    private const int Pairs = 1_000_000;
    private string _dir = "";

    [GlobalSetup]
    public void Setup()
    {
        // Generated once per machine and reused by every benchmark process: the files are the input, not the work.
        _dir = Path.Combine(Path.GetTempPath(), $"sigfid-audit-bench-{Pairs}-v3");
        var done = Path.Combine(_dir, "complete");
        if (File.Exists(done)) return;
        AuditExportGenerator.Write(_dir, Pairs);
        File.WriteAllText(done, "ok");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        Console.WriteLine($"// peak working set: {process.PeakWorkingSet64 / (1024 * 1024)} MiB");
    }

    [Benchmark(OperationsPerInvoke = Pairs)]
    public long FullPopulationAudit() => Audit(listingDirectory: null);

    /// <summary>As <c>sigfid audit --sample all --out DIR</c> runs it: drifted.csv, missing.csv (with near-match hints), unreadable.csv and duplicates.csv streamed to disk.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public long FullPopulationAuditWithListings() => Audit(Path.Combine(_dir, "listings"));

    private long Audit(string? listingDirectory)
    {
        var report = DefaultTopologyAudit.CreateRunner().Run(new AuditOptions
        {
            ListingDirectory = listingDirectory,
            ShopifyCustomersPath = Path.Combine(_dir, "shopify_customers.csv"),
            ShopifyOrdersPath = Path.Combine(_dir, "shopify_orders.csv"),
            CrmProfilesPath = Path.Combine(_dir, "klaviyo_profiles.csv"),
            Crm = SyncSystem.Klaviyo,
            SampleSize = null,
            Seed = 1,
        });
        return report.Drift.DriftedCount;
    }

    /// <summary>
    /// The floor: parse both customer files with Sep, index the CRM by lower-cased email in a dictionary,
    /// stream Shopify and compare spend and count. No identity rule, no orders, no tolerances, no report.
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Pairs)]
    public long BareHashJoin()
    {
        var crm = new Dictionary<string, (decimal Spent, int Orders)>(StringComparer.Ordinal);
        using (var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(Path.Combine(_dir, "klaviyo_profiles.csv")))
        {
            foreach (var row in reader)
                crm[row[0].ToString().ToLowerInvariant()] = (row[4].Parse<decimal>(), row[5].Parse<int>());
        }
        long drifted = 0;
        using (var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(Path.Combine(_dir, "shopify_customers.csv")))
        {
            foreach (var row in reader)
            {
                if (!crm.TryGetValue(row[3].ToString().ToLowerInvariant(), out var c) || c.Spent != row[6].Parse<decimal>() || c.Orders != row[7].Parse<int>())
                    drifted++;
            }
        }
        return drifted;
    }
}
