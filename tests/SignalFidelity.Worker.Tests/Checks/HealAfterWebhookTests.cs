using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Pipeline;
using SignalFidelity.Worker.Tests.Pipeline;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>
/// The heal of customers whose last facts came through a webhook: the ledger orders those inside their second (the
/// body's time, refined by X-Shopify-Triggered-At), while GraphQL Admin answers whole seconds. The heal's re-read must
/// still win over the webhook it follows, or every customer who ordered since the backfill would stay drifted.
/// </summary>
public sealed class HealAfterWebhookTests
{
    [Fact]
    public async Task Customers_last_changed_by_a_webhook_are_healed_from_Shopify_s_whole_second_read()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(12);
        await using var worker = await RunningWorker.StartAsync(extraArgs: PipelineTests.SandboxArgs(sandbox));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));
        sandbox.Options.Webhooks.TargetUrl = new Uri(worker.Client.BaseAddress!, "/webhooks/shopify");
        int[] ordered = [2, 5, 9];
        foreach (var id in ordered) shop.PlaceOrder(id, 40m + id, raiseWebhooks: true);
        await sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(60));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: false, TimeSpan.FromSeconds(60));
        Assert.Empty(shop.Mismatches());

        foreach (var id in ordered) await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, $"customer{id}@store.example", 1234.56m);
        var check = worker.Services.GetRequiredService<DriftCheck>();
        var found = await check.RunAsync(new DriftCheckOptions { Crm = SyncSystem.Klaviyo, SampleSize = null, OutputDirectory = Path.Combine(worker.Folder.FullName, "drift") });
        Assert.Equal(ordered.Length, found.Report.Drift.DriftedCount);

        var healer = new Healer(worker.Services.GetRequiredService<Reconciler>(), check, worker.Store);
        var result = await healer.HealAsync(found.DriftedListing, TimeSpan.FromSeconds(60), Path.Combine(worker.Folder.FullName, "heal"));

        Assert.All(result.Customers, c => Assert.True(c.Healed, c.CustomerId + ": " + string.Join("; ", c.Reasons)));
        Assert.Empty(shop.Mismatches());
    }
}
