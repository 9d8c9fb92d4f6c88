using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>customers/redact end to end: a signed webhook, the worker's stores, and Klaviyo's data-privacy deletion over HTTP.</summary>
public sealed class RedactTests
{
    [Fact]
    public async Task A_redact_webhook_for_a_synced_customer_erases_the_Klaviyo_profile_and_the_worker_ledger()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(5);
        await using var worker = await RunningWorker.StartAsync(extraArgs: PipelineTests.SandboxArgs(sandbox));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));
        const string redacted = "gid://shopify/Customer/2";
        Assert.Contains(sandbox.Klaviyo.State.Profiles, p => p.Email == "customer2@store.example");
        Assert.Contains(sandbox.HubSpot.State.Contacts, c => c.Properties.GetValueOrDefault("email") == "customer2@store.example");
        Assert.NotEmpty(await worker.Store.GetLedgerAsync(redacted, SyncSystem.Klaviyo));

        var body = $$"""{"shop_id":954889,"shop_domain":"{{sandbox.Shopify.Store.ShopDomain}}","customer":{"id":2,"email":"customer2@store.example","phone":null},"orders_to_redact":[]}""";
        var signature = new ShopifyHmac(sandbox.ShopifyWebhookSecret).Sign(Encoding.UTF8.GetBytes(body));
        using var response = await worker.PostAsync("customers/redact", body, eventId: "evt-redact-2", signature: signature);
        Assert.Equal(200, (int)response.StatusCode);
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: false, TimeSpan.FromSeconds(30));

        var profiles = sandbox.Klaviyo.State.Profiles;
        Assert.DoesNotContain(profiles, p => p.Email == "customer2@store.example" || p.ExternalId == redacted);
        Assert.Equal(4, profiles.Count); // the other customers are untouched
        Assert.DoesNotContain(sandbox.HubSpot.State.Contacts, c => c.Properties.GetValueOrDefault("email") == "customer2@store.example");
        Assert.Equal(4, sandbox.HubSpot.State.ContactCount); // erased in HubSpot too (GDPR delete), the others kept
        Assert.Empty(await worker.Store.GetLedgerAsync(redacted, SyncSystem.Klaviyo));
        Assert.Empty((await worker.Store.FindDeliveryAsync("evt-redact-2"))!.Body);
        var status = await worker.Client.GetFromJsonAsync<JsonElement>("/status");
        Assert.Equal(0, status.GetProperty("deadLetters").GetInt64());
    }
}
