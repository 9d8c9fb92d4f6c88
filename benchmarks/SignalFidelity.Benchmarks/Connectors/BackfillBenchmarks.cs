using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Connectors;
using SignalFidelity.Connectors.HubSpot;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Clock;

namespace SignalFidelity.Benchmarks.Connectors;

/// <summary>
/// Backfills 100,000 customers into the Klaviyo simulator (bulk import jobs) and the HubSpot simulator
/// (batch upsert, Professional limits) with the production clients over loopback HTTP, and reports the
/// throughput achieved as a fraction of the simulator's configured ceiling, plus the records lost.
/// Time is the sandbox clock (HubSpot's scaled 5x), the same clock the limits are enforced on, so the fraction
/// is independent of the scale as long as this machine keeps up; wall time is BenchmarkDotNet's column.
/// Ceilings: HubSpot: the fastest any client could finish this run under 190 requests per rolling 10 s
/// (100 contacts each): 1,000 requests = one full window now and five more, 50 s, so 2,000/s (the steady
/// rate is 1,900/s). Klaviyo: min(import pipeline 5,000/s, 150 job creations per minute x 10,000 = 25,000/s).
/// </summary>
[Config(typeof(Config))]
public class BackfillBenchmarks
{
    public const int Customers = 100_000;
    // Klaviyo's run is bounded by the import pipeline (20 simulated seconds for 100k); at 1x the uploads of
    // 2.5 MB jobs cannot fall behind it on a busy machine. HubSpot's is bounded by the window (50 s): 5x.
    private const double KlaviyoClockScale = 1;
    private const double HubSpotClockScale = 5;
    internal static readonly ConcurrentDictionary<string, List<Outcome>> Results = new();

    internal sealed record Outcome(double Achieved, double Ceiling, long Lost, long Throttled);

    private List<KlaviyoProfile> _profiles = [];
    private List<HubSpotContactInput> _contacts = [];

    [GlobalSetup]
    public void Setup()
    {
        _profiles = Enumerable.Range(0, Customers).Select(i => new KlaviyoProfile
        {
            Email = $"customer{i}@example.com",
            FirstName = "Customer",
            LastName = i.ToString(CultureInfo.InvariantCulture),
            Properties = new Dictionary<string, object?> { ["total_spent"] = 10m + i % 500, ["order_count"] = i % 7, ["last_order_date"] = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero) },
        }).ToList();
        _contacts = Enumerable.Range(0, Customers).Select(i => new HubSpotContactInput("email", $"customer{i}@example.com",
            new Dictionary<string, string?> { ["firstname"] = "Customer", ["total_spent"] = (10 + i % 500).ToString(CultureInfo.InvariantCulture), ["order_count"] = (i % 7).ToString(CultureInfo.InvariantCulture) })).ToList();
    }

    [Benchmark(Description = "Klaviyo bulk import, 100k")]
    public async Task KlaviyoBulkImport()
    {
        var clock = new ScaledTimeProvider(KlaviyoClockScale);
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Clock = clock });
        await using var services = new ServiceCollection()
            .AddKlaviyoConnector(new KlaviyoConnection { BaseUrl = sandbox.KlaviyoBaseUrl, ApiKey = sandbox.KlaviyoApiKey, Clock = clock })
            .BuildServiceProvider();
        var client = services.GetRequiredService<KlaviyoClient>();

        var started = clock.GetUtcNow();
        var outcome = await client.ImportProfilesAsync(_profiles, TimeSpan.FromMilliseconds(250));
        var elapsed = (clock.GetUtcNow() - started).TotalSeconds;

        var landed = sandbox.Klaviyo.State.ProfileCount;
        var ceiling = Math.Min(sandbox.Options.Klaviyo.BulkImportProfilesPerSecond, 150 / 60.0 * KlaviyoClient.MaxProfilesPerJob);
        Record(nameof(KlaviyoBulkImport), new Outcome(outcome.Imported / elapsed, ceiling, Customers - landed, sandbox.Traffic.TotalThrottled("klaviyo")));
    }

    [Benchmark(Description = "HubSpot batch upsert (Pro), 100k")]
    public async Task HubSpotBatchUpsert()
    {
        var clock = new ScaledTimeProvider(HubSpotClockScale);
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Clock = clock });
        await using var services = new ServiceCollection()
            .AddHubSpotConnector(new HubSpotConnection
            {
                BaseUrl = sandbox.HubSpotBaseUrl, AccessToken = sandbox.HubSpotAccessToken, Clock = clock,
                TenSecondLimit = sandbox.Options.HubSpot.TenSecondLimit, DailyLimit = sandbox.Options.HubSpot.DailyLimit,
            })
            .BuildServiceProvider();
        var client = services.GetRequiredService<HubSpotClient>();

        var started = clock.GetUtcNow();
        var result = await client.UpsertContactsAsync(_contacts);
        var elapsed = (clock.GetUtcNow() - started).TotalSeconds;

        var landed = sandbox.HubSpot.State.ContactCount;
        // The best any client can do for this run: a full window at once, then one window every ten seconds,
        // so N contacts need (ceil(N / 100 / 190) - 1) x 10 s. (190 x 100 / 10 = 1,900/s is the steady rate.)
        var windows = Math.Ceiling(Math.Ceiling(Customers / (double)HubSpotClient.MaxBatch) / sandbox.Options.HubSpot.TenSecondLimit);
        var ceiling = Customers / ((windows - 1) * 10.0);
        Record(nameof(HubSpotBatchUpsert), new Outcome(result.Written / elapsed, ceiling, Customers - landed, sandbox.Traffic.TotalThrottled("hubspot")));
    }

    private static void Record(string method, Outcome outcome)
    {
        if (outcome.Lost != 0) throw new InvalidOperationException($"{method}: {outcome.Lost} records lost.");
        Results.GetOrAdd(method, _ => []).Add(outcome);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {method}: {outcome.Achieved:N0} records/s of a {outcome.Ceiling:N0}/s ceiling = {outcome.Achieved / outcome.Ceiling:0.000}; lost {outcome.Lost}; 429s {outcome.Throttled}"));
    }

    /// <summary>In-process (the columns read what the runs recorded), three measured runs, no warm-up: each run is a full backfill.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(3)
                .WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(new OutcomeColumn("Ceiling rec/s", o => o.Ceiling.ToString("N0", CultureInfo.InvariantCulture)));
            AddColumn(new OutcomeColumn("Achieved rec/s", o => o.Achieved.ToString("N0", CultureInfo.InvariantCulture)));
            AddColumn(new OutcomeColumn("Fraction of ceiling", o => (o.Achieved / o.Ceiling).ToString("0.000", CultureInfo.InvariantCulture)));
            AddColumn(new OutcomeColumn("Lost", o => o.Lost.ToString(CultureInfo.InvariantCulture)));
            AddColumn(new OutcomeColumn("429s", o => o.Throttled.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Shows the median run's figure (by achieved throughput) of the recorded outcomes.</summary>
    private sealed class OutcomeColumn(string name, Func<Outcome, string> format) : IColumn
    {
        public string Id => "Backfill." + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => name + " (median run, sandbox clock)";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (!Results.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out var runs) || runs.Count == 0) return "-";
            var sorted = runs.OrderBy(r => r.Achieved).ToList();
            return format(sorted[sorted.Count / 2]);
        }
    }
}
