using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Hosting;

/// <summary>
/// A write the vendors refuse on its merits is logged with the vendor's code and field only: the address they
/// quote back stays out of the log, and the dead letter, which holds the payload anyway, keeps their full words.
/// </summary>
public sealed class VendorRejectionLogTests
{
    private const string Refused = "jane.doe@nodomain"; // no dot after the @: Klaviyo and HubSpot both refuse it

    [Fact]
    public async Task A_refused_address_is_dead_lettered_in_full_and_logged_as_code_and_field_only()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var logs = new CapturedLogs();
        await using var worker = await RunningWorker.StartAsync(configure: builder => builder.Logging.AddProvider(logs), extraArgs:
        [
            $"--SignalFidelity:Klaviyo:BaseUrl={sandbox.KlaviyoBaseUrl}",
            $"--SignalFidelity:Klaviyo:ApiKey={sandbox.KlaviyoApiKey}",
            $"--SignalFidelity:HubSpot:BaseUrl={sandbox.HubSpotBaseUrl}",
            $"--SignalFidelity:HubSpot:AccessToken={sandbox.HubSpotAccessToken}",
            "--SignalFidelity:Schedules:CrmPoll=00:00:00",
            "--SignalFidelity:Dispatch:IdlePoll=00:00:00.050",
        ]);

        var body = SharedReference.ShopifyWebhook("customers_update.json").Replace("bob@biller.com", Refused);
        var response = await worker.PostAsync("customers/update", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var letters = await DeadLettersAsync(worker, expected: 2);

        var klaviyo = letters.Single(l => l.Destination == SyncSystem.Klaviyo);
        var hubSpot = letters.Single(l => l.Destination == SyncSystem.HubSpot);
        Assert.Contains($"Invalid email address: '{Refused}'", klaviyo.Reason);
        Assert.Contains($"Email address {Refused} is invalid", hubSpot.Reason);
        var dispatcher = logs.Lines.Where(l => l.Contains("dead-lettered", StringComparison.Ordinal)).ToList();
        Assert.Contains(dispatcher, l => l.Contains("Klaviyo profile-import: HTTP 400 invalid at /data/attributes/email", StringComparison.Ordinal));
        Assert.Contains(dispatcher, l => l.Contains("HubSpot batch-upsert: HTTP 207 VALIDATION_ERROR (contact keyed by email)", StringComparison.Ordinal));
        Assert.DoesNotContain(Refused, logs.Text, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(RunningWorker worker, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var status = await worker.Client.GetFromJsonAsync<JsonElement>("/status");
            if (status.GetProperty("deadLetters").GetInt64() >= expected)
            {
                return await worker.Store.ListDeadLettersAsync();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"expected {expected} dead letters within 30 s");
    }
}
