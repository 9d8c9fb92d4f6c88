using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Tests.Pipeline;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>The live drift check against the sandbox over real HTTP: Shopify's GraphQL Admin and bulk operation, Klaviyo's profiles API.</summary>
public sealed class DriftCheckTests
{
    [Fact]
    public async Task A_whole_population_check_finds_exactly_the_profiles_changed_through_Klaviyos_API_and_lists_them_in_drifted_csv()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(40);
        for (var i = 1; i <= 40; i++)
        {
            for (var order = 0; order < i % 3; order++) shop.PlaceOrder(i, 20m + i + order, raiseWebhooks: false);
        }

        await using var worker = await RunningWorker.StartAsync(extraArgs: PipelineTests.SandboxArgs(sandbox));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));

        // Someone edits three profiles in Klaviyo itself, as a CRM-side app would: through Klaviyo's own API.
        int[] changed = [4, 17, 29];
        foreach (var id in changed) await OverwriteTotalSpentInKlaviyoAsync(sandbox, $"customer{id}@store.example", 9999.99m);

        var output = Path.Combine(worker.Folder.FullName, "drift");
        var result = await worker.Services.GetRequiredService<DriftCheck>().RunAsync(new DriftCheckOptions { Crm = SyncSystem.Klaviyo, SampleSize = null, OutputDirectory = output });

        Assert.True(result.Report.Drift.WholePopulation);
        Assert.Equal(40, result.Report.Drift.SampleSize);
        Assert.Equal(changed.Length, result.Report.Drift.DriftedCount);
        var rows = File.ReadAllLines(Path.Combine(output, "drifted.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(changed.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), rows.Select(r => r[0]).Distinct().Order());
        Assert.All(rows, r => Assert.Equal("9999.99", r[4]));
        foreach (var page in new[] { "drift.md", "drift.html", "drift.json" }) Assert.True(File.Exists(Path.Combine(output, page)), page);
    }

    /// <summary>A profile-import call as Klaviyo documents it (JSON:API body, revision header, private key).</summary>
    internal static async Task OverwriteTotalSpentInKlaviyoAsync(SandboxHost sandbox, string email, decimal totalSpent)
    {
        using var http = new HttpClient { BaseAddress = sandbox.KlaviyoBaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Klaviyo-API-Key", sandbox.KlaviyoApiKey);
        http.DefaultRequestHeaders.Add("revision", Connectors.Klaviyo.KlaviyoClient.Revision);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("LoyaltyApp/2.1");
        var spent = totalSpent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\",\"properties\":{\"total_spent\":" + spent + "}}}}";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.api+json");
        using var response = await http.PostAsync("api/profile-import", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
