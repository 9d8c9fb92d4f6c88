using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Intake;

namespace SignalFidelity.Benchmarks.Worker;

/// <summary>
/// Webhook intake cost: the bare HMAC check plus parse and map, against the whole intake (HTTP on
/// loopback, HMAC, parse, map, one SQLite WAL transaction, 200). Per-call latency here; sustained
/// throughput and p99 under concurrency come from <see cref="IntakeLoad"/> (`-- intake-load`).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class WebhookIntakeBenchmarks
{
    private const string Secret = "benchmark-secret";
    private readonly ShopifyHmac _hmac = new(Secret);
    private readonly DeliveryInterpreter _interpreter = new(GeneratedTopologyRuntime.Instance);
    private byte[] _body = [];
    private string _signature = "";
    private WorkerHost? _host;
    private int _sequence;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _body = IntakePayloads.PurchasingSummary(42, 3);
        _signature = _hmac.Sign(_body);
        _host = await WorkerHost.StartAsync(Secret);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _host!.DisposeAsync();

    [Benchmark(Baseline = true, Description = "HMAC + parse + map")]
    public int HmacAndParse()
    {
        if (!_hmac.IsAuthentic(_body, _signature))
        {
            throw new InvalidOperationException("signature");
        }

        // No resolver here: the interpretation completes synchronously (the last order date is left out, as without an Admin API).
        return _interpreter.InterpretAsync("customers/purchasing_summary", _body, DateTimeOffset.UnixEpoch).GetAwaiter().GetResult().Changes.Count;
    }

    [Benchmark(Description = "intake: HTTP + HMAC + parse + SQLite commit + 200")]
    public async Task<int> Intake()
    {
        var n = Interlocked.Increment(ref _sequence);
        var body = IntakePayloads.PurchasingSummary(n % 10_000, n);
        using var response = await _host!.PostAsync(body, _hmac.Sign(body), "bench-" + n.ToString(CultureInfo.InvariantCulture));
        return (int)response.StatusCode;
    }
}

/// <summary>A worker on loopback with its SQLite file in a temporary folder.</summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _folder;

    private WorkerHost(WebApplication app, DirectoryInfo folder)
    {
        _app = app;
        _folder = folder;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(address) };
    }

    public HttpClient Client { get; }

    /// <summary>Starts a worker on SQLite, or on <paramref name="postgres"/> (replicas share it).</summary>
    public static async Task<WorkerHost> StartAsync(string secret, string? postgres = null)
    {
        var folder = Directory.CreateTempSubdirectory("sigfid-bench.");
        var app = await WorkerApp.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0",
            $"--SignalFidelity:Shopify:WebhookSecret={secret}",
            "--SignalFidelity:Shopify:ShopDomain=bench.myshopify.com",
            $"--SignalFidelity:Store:Sqlite={Path.Combine(folder.FullName, "worker.db")}",
            .. postgres is null ? Array.Empty<string>() : [$"--SignalFidelity:Store:Postgres={postgres}"],
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        return new WorkerHost(app, folder);
    }

    public Task<HttpResponseMessage> PostAsync(byte[] body, string signature, string eventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Shopify-Topic", "customers/purchasing_summary");
        request.Headers.TryAddWithoutValidation("X-Shopify-Hmac-Sha256", signature);
        request.Headers.TryAddWithoutValidation("X-Shopify-Shop-Domain", "bench.myshopify.com");
        request.Headers.TryAddWithoutValidation("X-Shopify-API-Version", "2026-04");
        request.Headers.TryAddWithoutValidation("X-Shopify-Webhook-Id", eventId);
        request.Headers.TryAddWithoutValidation("X-Shopify-Event-Id", eventId);
        request.Headers.TryAddWithoutValidation("X-Shopify-Triggered-At", DateTimeOffset.UtcNow.ToString("O"));
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

/// <summary>
/// Sustained intake: <c>concurrency</c> senders post distinct deliveries for <c>seconds</c> (after a
/// warm-up), then the same is done for the bare HMAC + parse + map, and both are printed as requests
/// per second with p50/p99 latency. Client and server share the machine's cores, as a load test here must.
/// </summary>
public static class IntakeLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
        const string secret = "load-secret";
        var hmac = new ShopifyHmac(secret);
        var interpreter = new DeliveryInterpreter(GeneratedTopologyRuntime.Instance);

        var postgres = args.Length > 3 ? args[3] : Environment.GetEnvironmentVariable("SIGFID_TEST_POSTGRES");
        var sequence = 0;
        Func<Task<long>> Deliveries(IReadOnlyList<WorkerHost> hosts, string prefix) => async () =>
        {
            var n = Interlocked.Increment(ref sequence);
            var body = IntakePayloads.PurchasingSummary(n % 10_000, n);
            var started = Stopwatch.GetTimestamp();
            // Round robin over the replicas, as a load balancer in front of them would.
            using var response = await hosts[n % hosts.Count].PostAsync(body, hmac.Sign(body), prefix + n.ToString(CultureInfo.InvariantCulture));
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"intake answered {(int)response.StatusCode}");
            }

            return Stopwatch.GetTimestamp() - started;
        };

        var bareBody = IntakePayloads.PurchasingSummary(42, 3);
        var bareSignature = hmac.Sign(bareBody);
        async Task<long> OneBare()
        {
            var started = Stopwatch.GetTimestamp();
            if (!hmac.IsAuthentic(bareBody, bareSignature) || (await interpreter.InterpretAsync("customers/purchasing_summary", bareBody, DateTimeOffset.UnixEpoch)).Changes.Count == 0)
            {
                throw new InvalidOperationException("bare path failed");
            }

            return Stopwatch.GetTimestamp() - started;
        }

        LoadResult intake;
        await using (var host = await WorkerHost.StartAsync(secret))
        {
            var sqlite = Deliveries([host], "load-");
            await MeasureAsync(sqlite, concurrency, TimeSpan.FromSeconds(2)); // warm-up: JIT, connections, SQLite pages
            intake = await MeasureAsync(sqlite, concurrency, TimeSpan.FromSeconds(seconds));
        }

        var bare = await MeasureAsync(OneBare, 1, TimeSpan.FromSeconds(Math.Max(2, seconds / 2)));
        Console.WriteLine($"| path | concurrency | requests | req/s | p50 ms | p99 ms | vs SQLite |");
        Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(intake.Row("intake: HTTP + HMAC + parse + SQLite WAL commit + 200", concurrency, intake));
        if (postgres is not null)
        {
            for (var replicas = 1; replicas <= 3; replicas++)
            {
                var result = await MeasurePostgresAsync(postgres, secret, replicas, concurrency, seconds, Deliveries);
                Console.WriteLine(result.Row($"intake on PostgreSQL, {replicas} replica(s) round robin", concurrency, intake));
            }
        }

        Console.WriteLine(bare.Row("bare: HMAC + parse + map (no HTTP, no store)", 1, null));
        return 0;
    }

    /// <summary>N in-process replicas on one fresh PostgreSQL schema, fed round robin.</summary>
    private static async Task<LoadResult> MeasurePostgresAsync(
        string server, string secret, int replicas, int concurrency, int seconds, Func<IReadOnlyList<WorkerHost>, string, Func<Task<long>>> deliveries)
    {
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new Npgsql.NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        var hosts = new List<WorkerHost>();
        try
        {
            for (var i = 0; i < replicas; i++)
            {
                hosts.Add(await WorkerHost.StartAsync(secret, connectionString));
            }

            var send = deliveries(hosts, $"pg{replicas}-");
            await MeasureAsync(send, concurrency, TimeSpan.FromSeconds(2));
            return await MeasureAsync(send, concurrency, TimeSpan.FromSeconds(seconds));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task<LoadResult> MeasureAsync(Func<Task<long>> operation, int concurrency, TimeSpan duration)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var perWorker = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>(100_000);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                latencies.Add(await operation());
            }

            return latencies;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = perWorker.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, all.Length / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(long[] sortedTicks, double p) =>
        sortedTicks.Length == 0 ? 0 : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)(p * sortedTicks.Length))] * 1000.0 / Stopwatch.Frequency;

    private sealed record LoadResult(int Count, double PerSecond, double P50Ms, double P99Ms)
    {
        public string Row(string path, int concurrency, LoadResult? baseline) =>
            string.Create(CultureInfo.InvariantCulture, $"| {path} | {concurrency} | {Count:N0} | {PerSecond:N0} | {P50Ms:0.###} | {P99Ms:0.###} | {(baseline is null ? "" : (PerSecond / baseline.PerSecond).ToString("0.00x", CultureInfo.InvariantCulture))} |");
    }
}
