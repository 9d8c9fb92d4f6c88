using System.Text;
using SignalFidelity.Sandbox;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>The CRM-owned primary tag flowing back to Shopify: Shopify holds exactly the current one.</summary>
public sealed class PrimaryTagTests
{
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
