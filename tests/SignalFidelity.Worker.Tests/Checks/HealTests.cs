using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Pipeline;
using SignalFidelity.Worker.Tests.Pipeline;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>The loop that heals, end to end over real HTTP: drift found live, healed from drifted.csv by the running worker, read back from Klaviyo.</summary>
public sealed class HealTests
{
    [Fact]
    public async Task Heal_from_drifted_csv_puts_Shopifys_values_back_into_Klaviyo_and_reports_each_customer_healed()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(30);
        for (var i = 1; i <= 30; i++) shop.PlaceOrder(i, 10m + i, raiseWebhooks: false);
        await using var worker = await RunningWorker.StartAsync(extraArgs: PipelineTests.SandboxArgs(sandbox));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));

        int[] changed = [6, 14, 27];
        foreach (var id in changed) await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, $"customer{id}@store.example", 4321m);
        var check = worker.Services.GetRequiredService<DriftCheck>();
        var found = await check.RunAsync(new DriftCheckOptions { Crm = SyncSystem.Klaviyo, SampleSize = null, OutputDirectory = Path.Combine(worker.Folder.FullName, "drift") });
        var listed = File.ReadAllLines(found.DriftedListing).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(changed.Length, listed.Select(r => r[0]).Distinct().Count());
        Assert.All(listed, r => Assert.Equal("4321", r[4]));

        var healer = new Healer(worker.Services.GetRequiredService<Reconciler>(), check, worker.Store);
        var result = await healer.HealAsync(found.DriftedListing, TimeSpan.FromSeconds(60), Path.Combine(worker.Folder.FullName, "heal"));

        Assert.True(result.Drained);
        Assert.Equal(changed.Length, result.Customers.Count);
        Assert.All(result.Customers, c => Assert.True(c.Healed, c.CustomerId + ": " + string.Join("; ", c.Reasons)));
        Assert.True(result.AllHealed);
        foreach (var row in listed)
        {
            var inKlaviyo = await TotalSpentInKlaviyoAsync(sandbox, row[1]); // the match key: the canonical email
            Assert.Equal(decimal.Parse(row[3], CultureInfo.InvariantCulture), inKlaviyo);
        }
    }

    [Fact]
    public async Task Without_a_worker_sending_the_queue_does_not_drain_and_every_customer_is_reported_not_healed_saying_why()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(10);
        for (var i = 1; i <= 10; i++) shop.PlaceOrder(i, 30m + i, raiseWebhooks: false);
        await using var worker = await RunningWorker.StartAsync(extraArgs: PipelineTests.SandboxArgs(sandbox));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));
        await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, "customer4@store.example", 1m);
        var check = worker.Services.GetRequiredService<DriftCheck>();
        var found = await check.RunAsync(new DriftCheckOptions { Crm = SyncSystem.Klaviyo, SampleSize = null, OutputDirectory = Path.Combine(worker.Folder.FullName, "drift") });
        await worker.Services.GetRequiredService<Dispatcher>().StopAsync(default); // no worker sends: the queue stays

        var healer = new Healer(worker.Services.GetRequiredService<Reconciler>(), check, worker.Store);
        var result = await healer.HealAsync(found.DriftedListing, TimeSpan.FromSeconds(2), Path.Combine(worker.Folder.FullName, "heal"));

        Assert.False(result.Drained);
        var customer = Assert.Single(result.Customers);
        Assert.False(customer.Healed);
        Assert.Contains(customer.Reasons, r => r.Contains("Klaviyo '1'", StringComparison.Ordinal) && r.Contains("still queued", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_HealAutomatically_the_scheduled_check_above_the_baseline_heals_what_it_found()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(20);
        for (var i = 1; i <= 20; i++) shop.PlaceOrder(i, 15m + i, raiseWebhooks: false);
        await using var worker = await RunningWorker.StartAsync(extraArgs:
            [.. PipelineTests.SandboxArgs(sandbox), "--SignalFidelity:Schedules:DriftCheck=", "--SignalFidelity:Alerts:HealAutomatically=true", "--SignalFidelity:Alerts:HealWait=00:01:00"]);
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));
        var before = await TotalSpentInKlaviyoAsync(sandbox, "customer8@store.example");
        foreach (var id in new[] { 3, 8 }) await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, $"customer{id}@store.example", 2m);

        var job = worker.Services.GetServices<IScheduledCheck>().Single(c => c.Name == ScheduledCheckNames.DriftCheck);
        var line = await job.RunAsync(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), default);

        Assert.Contains("Klaviyo: alert (10.0% drifted)", line);
        Assert.Contains("healed 2 of 2", line);
        Assert.Equal(before, await TotalSpentInKlaviyoAsync(sandbox, "customer8@store.example"));
    }

    /// <summary>The profile's total_spent as Klaviyo's Get Profiles answers it (filter by email, JSON:API).</summary>
    private static async Task<decimal> TotalSpentInKlaviyoAsync(SandboxHost sandbox, string email)
    {
        return (await Pipeline.KlaviyoReadBack.PropertiesAsync(sandbox, email)).GetProperty("total_spent").GetDecimal();
    }
}
