using System.Net.Http.Json;
using System.Text.Json;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Shopify;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>
/// customers/merge end to end: two customers synced to Klaviyo and HubSpot through Shopify's webhooks, then Shopify's
/// merge report, and what each CRM holds afterwards, read from the simulators' state.
/// </summary>
public sealed class MergeTests
{
    // The ids of Shopify's own sample body: customer 2 is merged into customer 1.
    private const string Kept = "gid://shopify/Customer/1";
    private const string MergedAway = "gid://shopify/Customer/2";

    [Fact]
    public async Task A_completed_merge_leaves_one_person_in_each_CRM_with_the_kept_customers_values()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        await using var worker = await StartWithTwoSyncedCustomersAsync(sandbox);

        Assert.Equal("stored", await SandboxDeliveries.PostAsync(sandbox, worker, "customers/merge", SandboxDeliveries.Merge(Kept, MergedAway, "completed"), "evt-merge"));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: false, TimeSpan.FromSeconds(30));

        var profile = Assert.Single(sandbox.Klaviyo.State.Profiles);
        Assert.Equal(("ann@store.example", "+15556251100", "Ann", "Kept", Kept),
            (profile.Email, profile.PhoneNumber, profile.FirstName, profile.LastName, profile.ExternalId));
        var contact = Assert.Single(sandbox.HubSpot.State.Contacts);
        Assert.Equal(("ann@store.example", "+15556251100", "Ann", "Kept"),
            (contact.Properties["email"], contact.Properties["phone"], contact.Properties["firstname"], contact.Properties["lastname"]));
        Assert.Empty(await worker.Store.GetLedgerAsync(MergedAway, SyncSystem.Klaviyo));

        // Shopify's retry of the same delivery is a duplicate; the same merge delivered again under a new event finds nothing left to merge.
        Assert.Equal("duplicate", await SandboxDeliveries.PostAsync(sandbox, worker, "customers/merge", SandboxDeliveries.Merge(Kept, MergedAway, "completed"), "evt-merge"));
        Assert.Equal("stored", await SandboxDeliveries.PostAsync(sandbox, worker, "customers/merge", SandboxDeliveries.Merge(Kept, MergedAway, "completed"), "evt-merge-again"));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: false, TimeSpan.FromSeconds(30));
        Assert.Equal((1, 1), (sandbox.Klaviyo.State.ProfileCount, sandbox.HubSpot.State.ContactCount));
        // Through each CRM's own merge API, once: not a delete and a re-creation, which would lose the CRM's history of the person.
        Assert.Equal((1L, 1L), (sandbox.Traffic["klaviyo POST /api/profile-merge"].Requests, sandbox.Traffic["hubspot POST /crm/v3/objects/contacts/merge"].Requests));
        var status = await worker.Client.GetFromJsonAsync<JsonElement>("/status");
        Assert.Equal(0, status.GetProperty("deadLetters").GetInt64());
    }

    [Fact]
    public async Task A_failed_merge_and_a_merge_of_customers_never_synced_change_nothing_in_either_CRM()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        await using var worker = await StartWithTwoSyncedCustomersAsync(sandbox);
        var klaviyoBefore = sandbox.Klaviyo.State.Profiles.Select(p => (p.Email, p.FirstName, p.ExternalId)).Order().ToList();
        var hubSpotBefore = sandbox.HubSpot.State.Contacts.Select(c => (c.Properties["email"], c.Properties["firstname"])).Order().ToList();

        // Shopify's sample as it is: status "failed", customer 1 "is currently being merged".
        var failed = await SandboxDeliveries.PostAsync(sandbox, worker, "customers/merge", SharedReference.ShopifyWebhook("customers_merge.json"), "evt-merge-failed");
        var strangers = await SandboxDeliveries.PostAsync(sandbox, worker, "customers/merge",
            SandboxDeliveries.Merge("gid://shopify/Customer/98", "gid://shopify/Customer/99", "completed"), "evt-merge-strangers");
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: false, TimeSpan.FromSeconds(30));

        Assert.Equal(("not-applied", "stored"), (failed, strangers));
        Assert.Equal(klaviyoBefore, sandbox.Klaviyo.State.Profiles.Select(p => (p.Email, p.FirstName, p.ExternalId)).Order().ToList());
        Assert.Equal(hubSpotBefore, sandbox.HubSpot.State.Contacts.Select(c => (c.Properties["email"], c.Properties["firstname"])).Order().ToList());
        Assert.NotEmpty(await worker.Store.GetLedgerAsync(MergedAway, SyncSystem.Klaviyo));
        var recorded = await worker.Store.FindDeliveryAsync("evt-merge-failed");
        Assert.Equal(DeliveryDisposition.NotApplied, recorded!.Disposition);
        Assert.Contains("'failed'", recorded.Reason, StringComparison.Ordinal);
        var status = await worker.Client.GetFromJsonAsync<JsonElement>("/status");
        Assert.Equal((0L, 0L), (status.GetProperty("deadLetters").GetInt64(), status.GetProperty("pendingWrites").GetInt64()));
    }

    /// <summary>
    /// The sandbox shop gets customers 1 (kept) and 2 (merged away later), and Shopify's customers/create webhooks bring
    /// both into Klaviyo and HubSpot through the worker. Customer 1's details are the newer ones, as the customer a
    /// merge keeps has been touched last.
    /// </summary>
    private static async Task<RunningWorker> StartWithTwoSyncedCustomersAsync(SandboxHost sandbox)
    {
        sandbox.Options.Webhooks.ReorderWindow = TimeSpan.FromMilliseconds(200);
        var now = sandbox.Clock.GetUtcNow();
        (long Id, string Email, string First, string Last, string Phone, DateTimeOffset At)[] people =
        [
            (2, "ann.old@store.example", "Annie", "Old", "+15556251199", now.AddHours(-2)),
            (1, "ann@store.example", "Ann", "Kept", "+15556251100", now.AddHours(-1)),
        ];
        foreach (var person in people)
        {
            sandbox.Shopify.Store.AddCustomer(new ShopifyCustomerRecord
            {
                Id = person.Id, Email = person.Email, FirstName = person.First, LastName = person.Last, Phone = person.Phone, CreatedAt = person.At, UpdatedAt = person.At,
            });
        }

        // Webhooks only: no reconciliation pull, so what the CRMs hold came through customers/create.
        var worker = await RunningWorker.StartAsync(extraArgs: [.. PipelineTests.SandboxArgs(sandbox), "--SignalFidelity:Schedules:Reconciliation=00:00:00"]);
        sandbox.Options.Webhooks.TargetUrl = new Uri(worker.Client.BaseAddress!, "/webhooks/shopify");
        foreach (var person in people)
        {
            sandbox.RaiseWebhook("customers/create", SandboxDeliveries.CustomerCreated(person.Id, person.Email, person.First, person.Last, person.Phone, person.At));
        }

        await sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(30));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: false, TimeSpan.FromSeconds(30));
        Assert.Equal((2, 2), (sandbox.Klaviyo.State.ProfileCount, sandbox.HubSpot.State.ContactCount));
        return worker;
    }
}
