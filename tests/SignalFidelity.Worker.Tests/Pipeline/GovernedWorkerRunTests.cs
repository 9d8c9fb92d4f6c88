using SignalFidelity.Cli.Demo.Worker;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Clock;
using SignalFidelity.Sandbox.Seeding;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>The demo's governed phase on a seeded store: backfill, a faulty second sale, and a CRM equal to Shopify.</summary>
public sealed class GovernedWorkerRunTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-governed-test.");

    [Fact]
    public async Task The_governed_worker_backfills_a_seeded_store_and_keeps_it_true_through_a_faulty_second_sale()
    {
        var scenario = new StoreScenario { Customers = 200, Seed = 5 };
        var seeded = StoreGenerator.Generate(scenario);
        var clock = new VirtualClock(scenario.WindowEnd);
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Clock = clock, Seed = 5 });
        seeded.LoadInto(sandbox.Shopify.Store);

        var result = await GovernedWorkerRun.RunAsync(sandbox, clock, new GovernedRunOptions(_folder.FullName, SaleOrders: 300, Seed: 5), null, CancellationToken.None);

        Assert.Equal(0, result.DeadLetters);
        Assert.True(result.WebhookEvents >= 300, GovernedWorkerRun.Describe(result));
        Assert.Equal(result.WebhookEvents, result.StoredDeliveries); // duplicates stored once
        Assert.Empty(new SandboxStore(sandbox).Mismatches());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
