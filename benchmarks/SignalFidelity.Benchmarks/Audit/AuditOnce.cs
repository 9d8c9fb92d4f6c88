using System.Diagnostics;

namespace SignalFidelity.Benchmarks.Audit;

/// <summary>
/// A quick profile of the full-population audit outside BenchmarkDotNet: wall time, process CPU time,
/// allocation and GC counts per run, so a change can be judged in seconds on the shared machine.
/// Run: dotnet run -c Release --project benchmarks/SignalFidelity.Benchmarks -- audit-once 3 [audit|lists|bare ...]
/// </summary>
internal static class AuditOnce
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var bench = new AuditBenchmarks();
        bench.Setup();
        for (var i = 0; i < runs; i++)
        {
            foreach (var (name, run) in new (string, Func<long>)[] { ("audit", bench.FullPopulationAudit), ("lists", bench.FullPopulationAuditWithListings), ("bare", bench.BareHashJoin) })
            {
                if (args.Length > 2 && !args[2..].Contains(name)) continue;
                var gc0 = GC.CollectionCount(0); var gc1 = GC.CollectionCount(1); var gc2 = GC.CollectionCount(2);
                var alloc = GC.GetTotalAllocatedBytes(precise: false);
                var pause = GC.GetTotalPauseDuration();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                var result = run();
                wall.Stop();
                var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                Console.WriteLine($"{name,-6} wall {wall.Elapsed.TotalSeconds:0.00}s cpu {cpuUsed.TotalSeconds:0.00}s " +
                    $"alloc {(GC.GetTotalAllocatedBytes(false) - alloc) / 1_000_000} B/pair " +
                    $"gc pause {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.00}s " +
                    $"gc {GC.CollectionCount(0) - gc0}/{GC.CollectionCount(1) - gc1}/{GC.CollectionCount(2) - gc2} result {result}");
            }
        }
        bench.Cleanup();
        return 0;
    }
}
