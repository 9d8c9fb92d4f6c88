using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SignalFidelity.Connectors.Shopify.Webhooks;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Clock;
using SignalFidelity.Sandbox.Seeding;

namespace SignalFidelity.Connectors.Tests;

/// <summary>The simulators misbehave the way the vendors do: throttled answers, signed retried webhooks, identity traps.</summary>
public sealed class SandboxBehaviourTests
{
    private sealed record Received(string Topic, string WebhookId, string EventId, string Hmac, byte[] Body, DateTimeOffset At);

    /// <summary>A webhook receiver on loopback that refuses the first <paramref name="failFirst"/> attempts of each delivery.</summary>
    private static async Task<(WebApplication App, Uri Url, ConcurrentQueue<Received> Log)> ReceiverAsync(TimeProvider clock, int failFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var log = new ConcurrentQueue<Received>();
        var attempts = new ConcurrentDictionary<string, int>();
        app.MapPost("/webhooks", async (HttpContext c) =>
        {
            using var buffer = new MemoryStream();
            await c.Request.Body.CopyToAsync(buffer);
            var id = c.Request.Headers["X-Shopify-Webhook-Id"].ToString();
            log.Enqueue(new Received(c.Request.Headers["x-shopify-topic"].ToString(), id, c.Request.Headers["X-Shopify-Event-Id"].ToString(),
                c.Request.Headers["X-Shopify-Hmac-Sha256"].ToString(), buffer.ToArray(), clock.GetUtcNow()));
            return attempts.AddOrUpdate(id, 1, (_, n) => n + 1) <= failFirst ? Results.StatusCode(500) : Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address + "/webhooks"), log);
    }

    [Fact]
    public async Task Webhooks_are_signed_carry_Shopify_headers_and_are_retried_on_the_schedule()
    {
        var clock = new ScaledTimeProvider(200); // three minutes of schedule in about a second
        var (receiver, url, log) = await ReceiverAsync(clock, failFirst: 2);
        await using var _ = receiver;
        var options = new SandboxOptions { Clock = clock };
        options.Webhooks.TargetUrl = url;
        options.Webhooks.DuplicateRate = 0;
        await using var sandbox = await SandboxHost.StartAsync(options);

        var payload = JsonNode.Parse(File.ReadAllText(Path.Combine(KlaviyoOpenApi.ReferenceDirectory, "shopify-webhooks", "customers_purchasing_summary.json")))!.AsObject();
        sandbox.RaiseWebhook("customers/purchasing_summary", payload);
        await sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(30));

        var deliveries = log.ToList();
        Assert.Equal(3, deliveries.Count);
        Assert.Single(deliveries.Select(d => d.WebhookId).Distinct());
        Assert.All(deliveries, d =>
        {
            Assert.Equal("customers/purchasing_summary", d.Topic);
            Assert.True(ShopifyWebhookSignature.IsValid(d.Body, d.Hmac, sandbox.ShopifyWebhookSecret));
            Assert.False(ShopifyWebhookSignature.IsValid(d.Body, d.Hmac, "another app's secret"));
            Assert.Equal(payload.ToJsonString(), Encoding.UTF8.GetString(d.Body)); // the original payload, every time
        });
        // Shopify's schedule: 1 minute, then 2 minutes before the third try (compressed; each real millisecond of
        // HTTP and scheduling adds 0.2 simulated seconds, hence the upper margins).
        Assert.InRange((deliveries[1].At - deliveries[0].At).TotalSeconds, 55, 120);
        Assert.InRange((deliveries[2].At - deliveries[1].At).TotalSeconds, 115, 200);
        Assert.Equal(1, sandbox.Webhooks.DeliveredEvents);
    }

    [Fact]
    public async Task Duplicates_share_the_event_id_and_a_dead_endpoint_is_given_up_after_eight_retries()
    {
        var clock = new ScaledTimeProvider(2_000); // four hours of retries in about seven seconds
        var (receiver, url, log) = await ReceiverAsync(clock, failFirst: int.MaxValue);
        await using var _ = receiver;
        var options = new SandboxOptions { Clock = clock };
        options.Webhooks.TargetUrl = url;
        options.Webhooks.DuplicateRate = 1;
        await using var sandbox = await SandboxHost.StartAsync(options);

        sandbox.RaiseWebhook("orders/create", new JsonObject { ["id"] = 1 });
        await sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(30));

        var deliveries = log.ToList();
        Assert.Equal(2 * 9, deliveries.Count);                             // two copies, each tried 1 + 8 times
        Assert.Equal(2, deliveries.Select(d => d.WebhookId).Distinct().Count());
        Assert.Single(deliveries.Select(d => d.EventId).Distinct());       // the dedupe key
        Assert.Equal(2, sandbox.Webhooks.GivenUpEvents);
        var span = deliveries.Max(d => d.At) - deliveries.Min(d => d.At);
        Assert.InRange(span.TotalHours, 3.9, 4.6);                           // eight retries over about four hours
    }

    [Fact]
    public async Task Rapid_updates_to_one_resource_are_coalesced_into_one_delivery_of_the_latest_state()
    {
        var clock = new ScaledTimeProvider(20);
        var (receiver, url, log) = await ReceiverAsync(clock, failFirst: 0);
        await using var _ = receiver;
        var options = new SandboxOptions { Clock = clock };
        options.Webhooks.TargetUrl = url;
        options.Webhooks.DuplicateRate = 0;
        await using var sandbox = await SandboxHost.StartAsync(options);

        for (var i = 1; i <= 5; i++) sandbox.RaiseWebhook("customers/update", new JsonObject { ["id"] = 7, ["first_name"] = "v" + i }, resourceId: "7");
        sandbox.RaiseWebhook("customers/update", new JsonObject { ["id"] = 8, ["first_name"] = "other" }, resourceId: "8");
        await sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(30));

        var bodies = log.Select(d => JsonNode.Parse(d.Body)!).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Equal("v5", (string?)bodies.Single(b => (int)b["id"]! == 7)["first_name"]);
    }

    [Fact]
    public async Task Shopify_answers_a_query_the_bucket_cannot_afford_with_Throttled_and_the_bucket_state()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ShopifyBaseUrl };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", sandbox.ShopifyAccessToken);
        JsonNode? last = null;
        for (var i = 0; i < 6 && last?["errors"] is null; i++)
        {
            var body = new JsonObject { ["query"] = "query CustomersPage { }", ["operationName"] = "CustomersPage", ["variables"] = new JsonObject { ["first"] = 199 } };
            using var response = await http.PostAsync("admin/api/2026-04/graphql.json", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }
        Assert.Equal("Throttled", (string?)last!["errors"]![0]!["message"]);
        Assert.Equal("THROTTLED", (string?)last["errors"]![0]!["extensions"]!["code"]);
        var status = last["extensions"]!["cost"]!["throttleStatus"]!;
        Assert.Equal(1000, (double)status["maximumAvailable"]!);
        Assert.Equal(100, (double)status["restoreRate"]!);
        Assert.True((double)status["currentlyAvailable"]! < 997);
    }

    [Fact]
    public async Task HubSpot_names_the_policy_in_its_429()
    {
        var options = new SandboxOptions();
        options.HubSpot.TenSecondLimitOverride = 3;
        await using var sandbox = await SandboxHost.StartAsync(options);
        using var http = new HttpClient { BaseAddress = sandbox.HubSpotBaseUrl };
        http.DefaultRequestHeaders.Add("Authorization", "Bearer " + sandbox.HubSpotAccessToken);
        HttpResponseMessage? response = null;
        for (var i = 0; i < 4; i++) response = await http.GetAsync("crm/v3/properties/contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, response!.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("TEN_SECONDLY_ROLLING", (string?)body["policyName"]);
        Assert.Equal("RATE_LIMIT", (string?)body["errorType"]);
    }

    [Fact]
    public void The_seeded_store_has_the_identity_traps_and_a_Black_Friday_at_ten_times_a_normal_day()
    {
        var store = StoreGenerator.Generate(new StoreScenario { Customers = 5_000, Seed = 42 });
        var emails = store.Customers.Select(c => c.Email!).ToList();

        Assert.Contains(emails, e => e.Contains('.', StringComparison.Ordinal) && e.EndsWith("@gmail.com", StringComparison.Ordinal) && e.IndexOf('.') < e.IndexOf('@'));
        Assert.Contains(emails, e => e.Contains("+shop@gmail.com", StringComparison.Ordinal));
        Assert.Contains(emails, e => e.EndsWith("@privaterelay.appleid.com", StringComparison.Ordinal));
        Assert.Contains(emails, e => e != e.Trim());
        Assert.Contains(emails, e => char.IsUpper(e[0]));
        Assert.All(store.Customers.Where(c => c.Email!.Contains("privaterelay", StringComparison.Ordinal)), c => Assert.NotNull(c.Phone));
        // Apple relay customers are matched by phone alone, so every phone the store holds must be a valid
        // number: Shopify refuses invalid ones, and an invalid one would make the customer unmatchable.
        var phones = new SignalFidelity.Core.Identity.PhoneNormalizer("US");
        Assert.All(store.Customers.Where(c => c.Phone is not null), c => Assert.True(phones.Normalize(c.Phone).Status == SignalFidelity.Core.Identity.PhoneStatus.Valid, $"{c.Phone}: {phones.Normalize(c.Phone).Problem}"));
        Assert.Contains(store.Orders, o => !string.Equals(o.Email, store.Customers.First(c => c.Id == o.CustomerId).Email, StringComparison.Ordinal));

        var perDay = store.Orders.GroupBy(o => DateOnly.FromDateTime(o.CreatedAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        var normal = perDay.Where(kv => kv.Key != store.Scenario.BlackFriday).Average(kv => kv.Value);
        Assert.InRange(perDay[store.Scenario.BlackFriday] / normal, 8, 12);
        Assert.Equal(90, perDay.Count);
    }
}
