using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Pipeline;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>
/// The CRM-owned primary tag flowing back to Shopify: Shopify holds exactly the current one, and the tags staff gave the
/// customer (which Shopify reports with customer.tags_added and customer.tags_removed) stay as staff left them.
/// </summary>
public sealed class PrimaryTagTests
{
    private const string Customer3 = "gid://shopify/Customer/3";

    [Fact]
    public async Task A_primary_tag_change_A_to_B_leaves_Shopify_with_B_not_A_and_the_staff_tags_untouched()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(3);
        shop.Shopify.Customer(3)!.Tags.Add("wholesale"); // a staff tag the worker never chose
        await using var worker = await RunningWorker.StartAsync(extraArgs: [.. PipelineTests.SandboxArgs(sandbox), "--SignalFidelity:Schedules:CrmPoll=00:00:00.300"]);
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));

        await SetPrimaryTagInKlaviyoAsync(sandbox, "customer3@store.example", "vip");
        await WaitForAsync(() => shop.Shopify.Customer(3)!.Tags.Contains("vip"));
        await SetPrimaryTagInKlaviyoAsync(sandbox, "customer3@store.example", "lapsed");
        await WaitForAsync(() => shop.Shopify.Customer(3)!.Tags.Contains("lapsed") && !shop.Shopify.Customer(3)!.Tags.Contains("vip"));

        Assert.Equal(["lapsed", "wholesale"], shop.Shopify.Customer(3)!.Tags.Order());
        Assert.All(shop.Shopify.Customers.Where(c => c.Id != 3), c => Assert.Empty(c.Tags));
    }

    [Fact]
    public async Task A_staff_tag_named_like_the_primary_tag_survives_when_the_primary_tag_moves_on()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(3);
        await using var worker = await RunningWorker.StartAsync(extraArgs: PipelineTests.SandboxArgs(sandbox));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));

        // Staff tag the customer "vip" in Shopify's admin; Shopify tells the worker with customer.tags_added.
        shop.Shopify.Customer(3)!.Tags.Add("vip");
        Assert.Equal("stored", await SandboxDeliveries.PostAsync(sandbox, worker, "customer.tags_added", SandboxDeliveries.Tags(Customer3, DateTimeOffset.UtcNow, "vip")));
        // Marketing's segment is "vip" too for a while, then moves the customer on.
        await SetPrimaryTagInKlaviyoAsync(sandbox, "customer3@store.example", "vip");
        await PollKlaviyoAsync(worker);
        await SetPrimaryTagInKlaviyoAsync(sandbox, "customer3@store.example", "lapsed");
        await PollKlaviyoAsync(worker);

        Assert.Equal(["lapsed", "vip"], shop.Shopify.Customer(3)!.Tags.Order());
    }

    [Fact]
    public async Task A_tag_staff_removed_after_marketing_chose_it_is_not_added_back()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(3);
        shop.Shopify.Customer(3)!.Tags.Add("vip"); // a staff tag, which the first reconciliation records
        await using var worker = await RunningWorker.StartAsync(extraArgs: PipelineTests.SandboxArgs(sandbox));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));

        // Marketing puts the customer in the "vip" segment; before the worker's next poll, staff take the tag off in Shopify.
        await SetPrimaryTagInKlaviyoAsync(sandbox, "customer3@store.example", "vip");
        await Task.Delay(50);
        shop.Shopify.Customer(3)!.Tags.Remove("vip");
        Assert.Equal("stored", await SandboxDeliveries.PostAsync(sandbox, worker, "customer.tags_removed", SandboxDeliveries.Tags(Customer3, DateTimeOffset.UtcNow, "vip")));
        await PollKlaviyoAsync(worker);

        Assert.Empty(shop.Shopify.Customer(3)!.Tags);
        Assert.Contains(await worker.Store.GetLedgerAsync(Customer3, SyncSystem.Shopify), v => v.Property == "tags" && v.JsonValue == "\"vip\"");

        // Marketing's next choice, newer than the removal, is written as usual.
        await SetPrimaryTagInKlaviyoAsync(sandbox, "customer3@store.example", "lapsed");
        await PollKlaviyoAsync(worker);
        Assert.Equal(["lapsed"], shop.Shopify.Customer(3)!.Tags);
    }

    /// <summary>One CRM poll at the moment the test chooses (the schedule is off in <see cref="PipelineTests.SandboxArgs"/>), then the write-back drained.</summary>
    private static async Task PollKlaviyoAsync(RunningWorker worker)
    {
        await worker.Services.GetRequiredService<CrmPoller>().RunAsync(CancellationToken.None);
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: false, TimeSpan.FromSeconds(30));
    }

    /// <summary>Marketing changes the segment in Klaviyo, the field's owner, through Klaviyo's own API.</summary>
    private static async Task SetPrimaryTagInKlaviyoAsync(SandboxHost sandbox, string email, string tag)
    {
        using var klaviyo = new HttpClient { BaseAddress = sandbox.KlaviyoBaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/profile-import")
        {
            Content = new StringContent(
                $$$$$"""{"data":{"type":"profile","attributes":{"email":"{{{{{email}}}}}","properties":{"primary_tag":"{{{{{tag}}}}}"}}}}""",
                Encoding.UTF8,
                "application/vnd.api+json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + sandbox.KlaviyoApiKey);
        request.Headers.TryAddWithoutValidation("revision", "2026-07-15");
        using var response = await klaviyo.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "Shopify's tags did not reach the expected state in 30 seconds");
    }
}
