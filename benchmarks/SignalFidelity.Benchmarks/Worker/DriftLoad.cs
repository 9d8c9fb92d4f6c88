using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Connectors.Pacing;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Generated;
using SignalFidelity.Runtime;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Shopify;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Benchmarks.Worker;

/// <summary>
/// <c>sigfid drift --sample all</c>'s engine (the worker's <see cref="DriftCheck"/>, wired by the same
/// <see cref="Destinations.Register"/>) on a shop of <c>customers</c> through the sandbox over loopback HTTP: Shopify's
/// bulk operation and Klaviyo's profile pages at the pacer's published limits. Each run is timed against the read
/// ceiling those limits allow for the same population in the same process: the fastest any client could page Klaviyo
/// (100 profiles a page, 75 a second, 750 a minute) or finish the bulk operation, whichever is longer, since the two
/// reads overlap. Runs are a minute apart so every run starts with Klaviyo's windows empty, as a weekly check does.
/// Memory is the peak resident set (Linux VmHWM) of the process that runs the check; the sandbox serves from a child process.
/// </summary>
public static class DriftLoad
{
    private const int ProfilesPerPage = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        var customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;

        // The sandbox (and its copy of the shop) lives in a child process, so this process's peak is the check's alone.
        using var sandbox = StartSandboxProcess(customers);
        var seeded = JsonDocument.Parse(await sandbox.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the sandbox process ended before it was ready")).RootElement;
        var drifted = seeded.GetProperty("drifted").GetInt32();
        Console.WriteLine($"// sandbox process {sandbox.Id}: {customers:N0} customers, {drifted:N0} of them drifted in Klaviyo; this process resident {ResidentMiB("VmRSS"):N0} MiB before the first run");

        var ceiling = CeilingSeconds(customers, seeded.GetProperty("bulkObjectsPerSecond").GetDouble());
        await using var services = Connect(seeded);
        var check = services.GetRequiredService<DriftCheck>();
        var output = Directory.CreateTempSubdirectory("sigfid-drift-load-");
        var rows = new List<string>();
        for (var run = 1; run <= runs; run++)
        {
            if (run > 1) await Task.Delay(TimeSpan.FromSeconds(61)); // Klaviyo's steady window empties
            var started = Stopwatch.GetTimestamp();
            var stages = new StageClock(started);
            var result = await check.RunAsync(new DriftCheckOptions { Crm = SyncSystem.Klaviyo, SampleSize = null, OutputDirectory = output.FullName }, stages);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine($"// run {run}: {stages}, measured and reported at {elapsed:0.0} s");
            if (result.Report.Drift.DriftedCount != drifted)
                throw new InvalidOperationException($"run {run}: found {result.Report.Drift.DriftedCount} drifted customers, seeded {drifted}");
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {run} | {customers:N0} | {result.Report.Drift.DriftedCount:N0} | {ceiling:0.0} s | {elapsed:0.0} s | {customers / ceiling:N0} | {customers / elapsed:N0} | **{ceiling / elapsed:0.000}** | {ResidentMiB("VmHWM"):N0} MiB |"));
            Console.WriteLine(rows[^1]);
        }
        output.Delete(recursive: true);
        sandbox.StandardInput.Close();
        await sandbox.WaitForExitAsync();

        Console.WriteLine();
        Console.WriteLine("| run | customers | drifted found | ceiling | elapsed | ceiling customers/s | achieved customers/s | fraction of ceiling | peak RSS of the check's process |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>
    /// <c>drift-load-sandbox N</c>: the child process. Seeds the shop and Klaviyo, prints one JSON line with the
    /// connection settings, and serves until its standard input closes.
    /// </summary>
    public static async Task<int> ServeSandboxAsync(string[] args)
    {
        var customers = int.Parse(args[1], CultureInfo.InvariantCulture);
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var drifted = SeedShop(sandbox, customers);
        await using (var services = Connect(sandbox.ShopifyBaseUrl, sandbox.ShopifyAccessToken, null, null))
        {
            await SeedKlaviyoAsCorrectSyncWouldAsync(sandbox, services.GetRequiredService<ShopifyClient>(), drifted);
        }
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["shopify"] = sandbox.ShopifyBaseUrl.ToString(), ["shopifyToken"] = sandbox.ShopifyAccessToken,
            ["klaviyo"] = sandbox.KlaviyoBaseUrl.ToString(), ["klaviyoKey"] = sandbox.KlaviyoApiKey,
            ["drifted"] = drifted.Count, ["bulkObjectsPerSecond"] = sandbox.Options.Shopify.BulkObjectsPerSecond,
        }));
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static Process StartSandboxProcess(int customers)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(DriftLoad).Assembly.Location);
        foreach (var arg in new[] { "drift-load-sandbox", customers.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    /// <summary>
    /// The fastest the limits allow: Klaviyo's pages sent as early as the burst and steady windows let them (greedy is
    /// optimal for rolling windows), one after another; Shopify's bulk operation in parallel.
    /// </summary>
    internal static double CeilingSeconds(int customers, double bulkObjectsPerSecond)
    {
        var (burst, steady) = KlaviyoPacer.Limits["GET /api/profiles"];
        var pages = (customers + ProfilesPerPage - 1) / ProfilesPerPage;
        var sentAt = new double[pages];
        for (var k = 0; k < pages; k++)
        {
            var t = k > 0 ? sentAt[k - 1] : 0;
            if (k >= burst) t = Math.Max(t, sentAt[k - burst] + 1);
            if (k >= steady) t = Math.Max(t, sentAt[k - steady] + 60);
            sentAt[k] = t;
        }
        return Math.Max(sentAt[^1], customers / bulkObjectsPerSecond);
    }

    private static ServiceProvider Connect(JsonElement seeded) => Connect(new Uri(seeded.GetProperty("shopify").GetString()!), seeded.GetProperty("shopifyToken").GetString()!,
        new Uri(seeded.GetProperty("klaviyo").GetString()!), seeded.GetProperty("klaviyoKey").GetString());

    // The worker's connections, as `sigfid drift` builds them from SignalFidelity:* settings.
    private static ServiceProvider Connect(Uri shopify, string shopifyToken, Uri? klaviyo, string? klaviyoKey)
    {
        var options = new WorkerOptions();
        options.Shopify.AdminBaseUrl = shopify.ToString();
        options.Shopify.AccessToken = shopifyToken;
        options.Klaviyo.BaseUrl = klaviyo?.ToString();
        options.Klaviyo.ApiKey = klaviyoKey;
        var services = new ServiceCollection();
        services.AddLogging();
        Destinations.Register(services, options, TimeProvider.System);
        return services.BuildServiceProvider();
    }

    // Customers with one to three orders each; every 50th is the one a CRM-side writer changed.
    private static HashSet<string> SeedShop(SandboxHost sandbox, int customers)
    {
        var store = sandbox.Shopify.Store;
        var now = DateTimeOffset.UtcNow;
        var orderId = 10_000_000L;
        var drifted = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i <= customers; i++)
        {
            var customer = new ShopifyCustomerRecord
            {
                Id = i, Email = $"shopper{i}@store.example", FirstName = "Shopper", LastName = i.ToString(CultureInfo.InvariantCulture),
                CreatedAt = now.AddDays(-400), UpdatedAt = now.AddDays(-2),
            };
            store.AddCustomer(customer);
            for (var o = 0; o <= i % 3; o++)
            {
                orderId++;
                store.AddOrder(new ShopifyOrderRecord
                {
                    Id = orderId, Number = (int)(orderId % 1_000_000), CustomerId = i, Email = customer.Email,
                    CreatedAt = now.AddDays(-(i % 300) - o), Total = 15m + i % 200 + o,
                });
            }
            if (i % 50 == 0) drifted.Add(customer.Email);
        }
        return drifted;
    }

    /// <summary>
    /// Klaviyo as a correct sync leaves it: every customer read back from Shopify's bulk operation, mapped by the
    /// generated Shopify-to-Klaviyo patch, written as a profile import would write it; the drifted ones with their
    /// first Shopify-owned fidelity number changed, as a CRM-side app would change it.
    /// </summary>
    private static async Task SeedKlaviyoAsCorrectSyncWouldAsync(SandboxHost sandbox, ShopifyClient shopify, HashSet<string> drifted)
    {
        var changed = GeneratedTopologyManifest.Instance.Entities[0].Fields
            .First(f => f.IsFidelityField && f.Owner == SyncSystem.Shopify && f.Kind == FieldValueKind.Decimal)
            .Flows.First(f => f.Destination == SyncSystem.Klaviyo).Property;
        var id = await shopify.StartBulkCustomerExportAsync(includeOrders: false);
        var operation = await shopify.WaitForBulkOperationAsync(id, TimeSpan.FromMilliseconds(100));
        await foreach (var row in shopify.ReadBulkCustomersAsync(operation.Url!))
        {
            var patch = CustomerTopology.Map(SyncSystem.Shopify, SyncSystem.Klaviyo, CustomerTopology.ReadAdmin(row.Customer.Node).Snapshot)!;
            var attributes = new JsonObject();
            var properties = new JsonObject();
            foreach (var (name, value) in patch.ToProperties())
            {
                var node = JsonNode.Parse(JsonSerializer.Serialize(value));
                if (name == changed && row.Customer.Email is { } email && drifted.Contains(email)) node = JsonValue.Create(node!.GetValue<decimal>() + 7.5m);
                // Klaviyo's own attributes sit beside "properties"; the rest are custom properties.
                if (SignalFidelity.Connectors.Klaviyo.KlaviyoProfile.OwnAttributes.Contains(name)) attributes[name] = node;
                else properties[name] = node;
            }
            attributes["properties"] = properties;
            sandbox.Klaviyo.State.SeedProfile(attributes);
        }
    }

    // When each read finished, from the check's own progress reports (the last report of a stage carries its total).
    private sealed class StageClock(long started) : IProgress<DriftCheckProgress>
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, double> _done = new(StringComparer.Ordinal);

        public void Report(DriftCheckProgress value)
        {
            if (value.Total is { } total && value.Done == total) _done[value.Stage] = Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        public override string ToString() => string.Join(", ", _done.OrderBy(d => d.Value).Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key} read at {d.Value:0.0} s")));
    }

    private static double ResidentMiB(string field)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
