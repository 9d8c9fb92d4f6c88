using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Connectors;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Core.Mapping;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Shopify;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Tests.Crash;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>
/// <c>sigfid reconcile</c> as an operator runs it: a real process configured through the environment, reading the
/// sandbox's Shopify (orders created in its store) and Klaviyo (order events recorded through Klaviyo's API) over HTTP.
/// </summary>
public sealed class ReconcileCommandTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-reconcile-test.");
    private SandboxHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxHost.StartAsync(new SandboxOptions());

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task The_counts_per_day_are_the_orders_placed_and_the_events_recorded_and_a_day_losing_a_third_is_an_alert()
    {
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // The day that loses orders must be past the webhook lag (1 h) when the command runs.
        var lossDay = now.TimeOfDay < TimeSpan.FromHours(1.5) ? today.AddDays(-2) : today.AddDays(-1);
        var random = new Random(7);
        await using var services = new ServiceCollection()
            .AddKlaviyoConnector(new KlaviyoConnection { BaseUrl = _sandbox.KlaviyoBaseUrl, ApiKey = _sandbox.KlaviyoApiKey })
            .BuildServiceProvider();
        var klaviyo = services.GetRequiredService<KlaviyoClient>();
        var id = 1000L;
        for (var day = lossDay.AddDays(-9); day <= lossDay; day = day.AddDays(1))
        {
            var orders = 8 + random.Next(6);
            for (var i = 0; i < orders; i++)
            {
                var placed = new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 0)), TimeSpan.Zero).AddMinutes(random.Next(24 * 60));
                var order = new ShopifyOrderRecord { Id = ++id, Number = (int)id, CustomerId = null, Email = $"buyer{id}@store.example", CreatedAt = placed, Total = 20 };
                _sandbox.Shopify.Store.AddOrder(order);
                // Nine days lose nothing; on the last one the CRM misses a third of the orders.
                if (day == lossDay && i % 3 == 0) continue;
                await klaviyo.CreateEventAsync(new KlaviyoEvent
                {
                    MetricName = KlaviyoNativeIntegration.OrderMetric,
                    Profile = new KlaviyoProfile { Email = order.Email },
                    UniqueId = order.Name,
                    Time = placed,
                    Value = order.Total,
                });
            }
        }

        var (exitCode, output) = await SigfidAsync("reconcile", "--days", "10", "--out", _folder.FullName);

        Assert.True(exitCode == 1, output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder.FullName, "volume.json")));
        var days = report.RootElement.GetProperty("days").EnumerateArray().ToDictionary(d => DateOnly.Parse(d.GetProperty("day").GetString()!), d => d);
        var placedPerDay = _sandbox.Shopify.Store.Orders.GroupBy(o => DateOnly.FromDateTime(o.CreatedAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        var metric = _sandbox.Klaviyo.State.MetricIdByName(KlaviyoNativeIntegration.OrderMetric);
        var eventsPerDay = _sandbox.Klaviyo.State.Events.Where(e => e.MetricId == metric).GroupBy(e => DateOnly.FromDateTime(e.Datetime.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, days.Count);
        foreach (var (day, row) in days)
        {
            Assert.Equal(placedPerDay.GetValueOrDefault(day), row.GetProperty("placed").GetInt32());
            Assert.Equal(eventsPerDay.GetValueOrDefault(day), row.GetProperty("synced").GetInt32());
        }

        Assert.True(placedPerDay[lossDay] > eventsPerDay[lossDay]);
        Assert.Equal("alert", days[lossDay].GetProperty("level").GetString());
        Assert.Equal("normal", days[lossDay.AddDays(-1)].GetProperty("level").GetString());
        Assert.Equal("alert", report.RootElement.GetProperty("level").GetString());
        Assert.Equal(lossDay.ToString("yyyy-MM-dd"), report.RootElement.GetProperty("lastJudgedDay").GetString());
        Assert.Contains("level: alert", output);

        // Kept in the history where the worker keeps its own: the last judged day, its gap and its report.
        await using var history = new SqliteWorkerStore(Path.Combine(_folder.FullName, "signalfidelity-worker.db"));
        var kept = Assert.Single(await history.GetChecksAsync());
        Assert.Equal(("volume", "klaviyo", CheckLevel.Alert, Path.Combine(_folder.FullName, "volume.json")), (kept.Kind, kept.Crm, kept.Level, kept.ReportPath));
        Assert.Equal((placedPerDay[lossDay], eventsPerDay[lossDay]), ((int)kept.Sample, (int)kept.Population));
        Assert.Equal(days[lossDay].GetProperty("gapPercent").GetDouble(), kept.DriftPercent, 3);
    }

    [Fact]
    public async Task HubSpot_is_refused_with_the_reason_and_the_flag_to_use()
    {
        var (exitCode, output) = await SigfidAsync("reconcile", "--crm", "hubspot", "--out", _folder.FullName);

        Assert.Equal(2, exitCode);
        Assert.Contains("HubSpot keeps no order events here", output);
        Assert.Contains("--crm klaviyo", output);
    }

    private Task<(int ExitCode, string Output)> SigfidAsync(params string[] arguments) =>
        SigfidCommand.RunAsync(_folder.FullName, new Dictionary<string, string>
        {
            ["SignalFidelity__Shopify__AdminBaseUrl"] = _sandbox.ShopifyBaseUrl.ToString(),
            ["SignalFidelity__Shopify__AccessToken"] = _sandbox.ShopifyAccessToken,
            ["SignalFidelity__Klaviyo__BaseUrl"] = _sandbox.KlaviyoBaseUrl.ToString(),
            ["SignalFidelity__Klaviyo__ApiKey"] = _sandbox.KlaviyoApiKey,
        }, arguments);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
