using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SignalFidelity.Sandbox;

namespace SignalFidelity.Worker.Tests.Hosting;

/// <summary>
/// <c>/health</c> proves each destination's credentials with a real authenticated read against the sandbox, and
/// names the reason and the setting for every part that is not ok.
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task A_wrong_Klaviyo_key_makes_health_degraded_naming_Klaviyo_the_401_and_the_setting()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        await using var worker = await RunningWorker.StartAsync(extraArgs: Klaviyo(sandbox, apiKey: "pk_rotated_last_week"));

        var (status, health) = await HealthAsync(worker);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var klaviyo = health.GetProperty("destinations").GetProperty("Klaviyo");
        Assert.False(klaviyo.GetProperty("ok").GetBoolean());
        Assert.Equal(
            "401 not_authenticated: the API key was refused; check SignalFidelity:Klaviyo:ApiKey",
            klaviyo.GetProperty("reason").GetString());
        Assert.Contains("Klaviyo: 401 not_authenticated: the API key was refused; check SignalFidelity:Klaviyo:ApiKey",
            health.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task The_right_Klaviyo_key_makes_health_healthy_with_no_reasons()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        await using var worker = await RunningWorker.StartAsync(extraArgs: Klaviyo(sandbox, sandbox.KlaviyoApiKey));

        var (_, health) = await HealthAsync(worker);

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("destinations").GetProperty("Klaviyo").GetProperty("ok").GetBoolean());
        Assert.False(health.GetProperty("destinations").GetProperty("Klaviyo").TryGetProperty("reason", out _));
        Assert.Empty(health.GetProperty("reasons").EnumerateArray());
    }

    [Fact]
    public async Task A_HubSpot_token_without_a_scope_and_a_wrong_Shopify_token_are_each_named_while_Klaviyo_stays_ok()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        sandbox.Options.HubSpot.GrantedScopes = ["crm.objects.contacts.write"]; // the private app was created without read
        await using var worker = await RunningWorker.StartAsync(extraArgs:
        [
            .. Klaviyo(sandbox, sandbox.KlaviyoApiKey),
            $"--SignalFidelity:HubSpot:BaseUrl={sandbox.HubSpotBaseUrl}",
            $"--SignalFidelity:HubSpot:AccessToken={sandbox.HubSpotAccessToken}",
            $"--SignalFidelity:Shopify:AdminBaseUrl={sandbox.ShopifyBaseUrl}",
            "--SignalFidelity:Shopify:AccessToken=shpat_from_another_shop",
            "--SignalFidelity:Schedules:Reconciliation=00:00:00",
        ]);

        var (_, health) = await HealthAsync(worker);

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var destinations = health.GetProperty("destinations");
        Assert.True(destinations.GetProperty("Klaviyo").GetProperty("ok").GetBoolean());
        var hubSpot = destinations.GetProperty("HubSpot").GetProperty("reason").GetString()!;
        Assert.StartsWith("403 MISSING_SCOPES: the access token lacks a scope", hubSpot);
        Assert.Contains("crm.objects.contacts.read", hubSpot);
        Assert.EndsWith("check SignalFidelity:HubSpot:AccessToken", hubSpot);
        Assert.Equal(
            "401: the Admin API access token was refused; check SignalFidelity:Shopify:AccessToken",
            destinations.GetProperty("Shopify").GetProperty("reason").GetString());
        Assert.Equal(2, health.GetProperty("reasons").GetArrayLength());
    }

    [Fact]
    public async Task A_destination_that_does_not_answer_is_named_with_its_base_url_setting()
    {
        // A port nothing listens on: connection refused, retried by the client until the check gives up.
        await using var worker = await RunningWorker.StartAsync(extraArgs:
        [
            "--SignalFidelity:Klaviyo:BaseUrl=http://127.0.0.1:9/klaviyo/",
            "--SignalFidelity:Klaviyo:ApiKey=pk_anything",
        ]);

        var (_, health) = await HealthAsync(worker);

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var reason = health.GetProperty("destinations").GetProperty("Klaviyo").GetProperty("reason").GetString()!;
        Assert.StartsWith("no answer", reason);
        Assert.Contains("check SignalFidelity:Klaviyo:BaseUrl", reason);
    }

    [Fact]
    public async Task With_no_CRM_configured_health_is_degraded_and_says_which_settings_turn_one_on()
    {
        await using var worker = await RunningWorker.StartAsync();

        var (_, health) = await HealthAsync(worker);

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var reason = Assert.Single(health.GetProperty("reasons").EnumerateArray()).GetString()!;
        Assert.Contains("SignalFidelity:Klaviyo:BaseUrl", reason);
        Assert.Contains("SignalFidelity:HubSpot:AccessToken", reason);
    }

    private static string[] Klaviyo(SandboxHost sandbox, string apiKey) =>
    [
        $"--SignalFidelity:Klaviyo:BaseUrl={sandbox.KlaviyoBaseUrl}",
        $"--SignalFidelity:Klaviyo:ApiKey={apiKey}",
        "--SignalFidelity:Schedules:CrmPoll=00:00:00",
    ];

    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(RunningWorker worker)
    {
        using var response = await worker.Client.GetAsync("/health");
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
