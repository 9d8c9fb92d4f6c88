using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SignalFidelity.Sandbox.Clock;
using SignalFidelity.Sandbox.Klaviyo;
using SignalFidelity.Sandbox.Seeding;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Sandbox.Naive;

/// <summary>
/// Syncs the seeded store into the sandbox Klaviyo the way the article describes the default connector:
/// every fifteen minutes it pushes what changed, all at once, keyed by the email typed at checkout; a 429
/// or an error drops the write (no retry, no record); other apps share the account's limits; a loyalty
/// app writes total_spent from a stale cache, and the last writer wins. It talks real HTTP to the sandbox
/// and replays the ninety days on a <see cref="VirtualClock"/>, so the outcome depends on the seed only.
/// </summary>
public sealed class NaiveConnector(SandboxHost sandbox, VirtualClock clock, SeededStore store, NaiveScenario scenario)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = sandbox.KlaviyoBaseUrl };
    private readonly Random _random = new(store.Scenario.Seed + 7);
    private int _attempted, _throttled, _errors, _loyalty, _other;

    public async Task<NaiveRunStats> RunAsync(IProgress<(DateTimeOffset At, int Percent)>? progress = null, CancellationToken cancellationToken = default)
    {
        var s = store.Scenario;
        var loyaltyMembers = store.Customers.Where(_ => _random.NextDouble() < scenario.LoyaltyMemberShare).Select(c => c.Id).ToHashSet();
        var loyaltyStart = s.WindowStart.AddDays(s.Days - scenario.LoyaltyAppInstalledDaysBeforeSale);
        var saleStart = new DateTimeOffset(s.BlackFriday.ToDateTime(new TimeOnly(13, 0)), TimeSpan.Zero);
        var saleEnd = saleStart.AddHours(6);

        clock.Set(s.WindowStart);
        await BackfillExistingCustomersAsync(cancellationToken);

        var newCustomers = new Queue<ShopifyCustomerRecord>(store.Customers.Where(c => c.CreatedAt >= s.WindowStart).OrderBy(c => c.CreatedAt));
        var orders = new Queue<ShopifyOrderRecord>(store.Orders);
        var loyaltyPending = new List<ShopifyOrderRecord>();
        var nextLoyalty = loyaltyStart;
        var runs = 0;
        var end = s.WindowEnd;
        for (var t = s.WindowStart + scenario.SyncInterval; t <= end; t += scenario.SyncInterval)
        {
            clock.Set(t);
            runs++;
            // Other apps' jobs fire on the same quarter-hour marks, a moment before the connector's.
            if (t > saleStart && t <= saleEnd)
            {
                await SendAtOnceAsync(Enumerable.Range(0, scenario.OtherAppsRequestsPerWindowAtPeak).Select(_ => (Func<Task>)OtherAppWriteAsync).ToList());
                await SendAtOnceAsync(Enumerable.Range(0, scenario.OtherAppsEventsPerWindowAtPeak).Select(_ => (Func<Task>)OtherAppEventAsync).ToList());
            }
            var writes = new List<Func<Task>>();

            while (newCustomers.TryPeek(out var c) && c.CreatedAt <= t)
            {
                newCustomers.Dequeue();
                var created = c;
                writes.Add(() => ConnectorWriteAsync(ProfileOf(created, created.Email!, null, t), cancellationToken));
            }
            var batch = new List<ShopifyOrderRecord>();
            while (orders.TryPeek(out var o) && o.CreatedAt <= t) batch.Add(orders.Dequeue());
            foreach (var order in batch)
            {
                var customer = sandbox.Shopify.Store.Customer(order.CustomerId!.Value)!;
                // The connector keys the profile by the address typed at checkout: a variant makes a second profile.
                writes.Add(() => ConnectorWriteAsync(ProfileOf(customer, order.Email ?? customer.Email!, Summary(order.CustomerId!.Value, t), t), cancellationToken));
                writes.Add(() => PlacedOrderAsync(order, cancellationToken));
                if (t > loyaltyStart && loyaltyMembers.Contains(customer.Id)) loyaltyPending.Add(order);
            }
            // Everything in the window leaves at once, as the default connector's job does.
            await SendAtOnceAsync(writes);

            if (t >= nextLoyalty && t > loyaltyStart)
            {
                nextLoyalty = t + scenario.LoyaltyInterval;
                var pushes = loyaltyPending.Select(o => o.CustomerId!.Value).Distinct().ToList();
                loyaltyPending.Clear();
                var cacheAsOf = new DateTimeOffset(t.UtcDateTime.Date, TimeSpan.Zero); // refreshed at midnight
                await SendAtOnceAsync(pushes.Select(id => (Func<Task>)(() => LoyaltyWriteAsync(sandbox.Shopify.Store.Customer(id)!, cacheAsOf, cancellationToken))).ToList());
            }
            if (runs % 96 == 0) progress?.Report((t, (int)(100 * (t - s.WindowStart).Ticks / (end - s.WindowStart).Ticks)));
        }
        progress?.Report((end, 100));
        return new NaiveRunStats(runs, _attempted, _throttled, _errors, _loyalty, _other);
    }

    /// <summary>
    /// Sends writes that leave in the same instant (the virtual clock stands still during a run). When they
    /// could exceed a burst window, which ones the vendor admits depends on arrival order: they go one by one
    /// in a seeded random order, so the outcome is as arbitrary as concurrent arrival but replays with the seed.
    /// Small batches go one by one too: sent concurrently, which request drew which of the sandbox's seeded
    /// fault rolls depended on thread timing, and the same seed told a slightly different story.
    /// </summary>
    private async Task SendAtOnceAsync(List<Func<Task>> writes)
    {
        if (writes.Count <= 60)
        {
            foreach (var write in writes) await write();
            return;
        }
        foreach (var write in writes.OrderBy(_ => _random.Next())) await write();
    }

    /// <summary>The initial sync when the connector was installed: a bulk import of every existing customer, which succeeds.</summary>
    private async Task BackfillExistingCustomersAsync(CancellationToken cancellationToken)
    {
        var existing = store.Customers.Where(c => c.CreatedAt < store.Scenario.WindowStart).ToList();
        foreach (var chunk in existing.Chunk(KlaviyoClientLimits.MaxProfilesPerJob))
        {
            var profiles = new JsonArray(chunk.Select(c => (JsonNode?)ProfileOf(c, c.Email!, Summary(c.Id, store.Scenario.WindowStart), store.Scenario.WindowStart)["data"]!.DeepClone()).ToArray());
            var body = new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["type"] = "profile-bulk-import-job",
                    ["attributes"] = new JsonObject { ["profiles"] = new JsonObject { ["data"] = profiles } },
                },
            };
            using var response = await SendAsync("api/profile-bulk-import-jobs", body, NaiveScenario.ConnectorAgent, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
        clock.Advance(TimeSpan.FromSeconds(existing.Count / sandbox.Options.Klaviyo.BulkImportProfilesPerSecond + 1));
        _ = sandbox.Klaviyo.State.ProfileCount; // lets the finished jobs land
    }

    private ShopifyCustomerSummary Summary(long customerId, DateTimeOffset asOf) => sandbox.Shopify.Store.Summary(customerId, asOf);

    private JsonObject ProfileOf(ShopifyCustomerRecord customer, string email, ShopifyCustomerSummary? summary, DateTimeOffset now)
    {
        var properties = new JsonObject
        {
            ["primary_tag"] = store.SegmentTags[customer.Id],
            ["total_spent"] = summary?.AmountSpent ?? 0m,
            ["order_count"] = summary?.NumberOfOrders ?? 0,
        };
        if (summary?.LastOrder is { } last)
        {
            properties["last_order_date"] = last.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            properties["last_order_payment_status"] = last.FinancialStatus;
            properties["first_order_date"] = summary.FirstOrderDate!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            properties["refunded_total"] = summary.RefundedTotal;
        }
        var attributes = new JsonObject
        {
            ["email"] = email,
            ["first_name"] = customer.FirstName,
            ["last_name"] = customer.LastName,
            ["properties"] = properties,
        };
        if (customer.Phone is { } phone && phone.StartsWith('+') && !phone.Contains(' ', StringComparison.Ordinal)) attributes["phone_number"] = phone;
        _ = now;
        return new JsonObject { ["data"] = new JsonObject { ["type"] = "profile", ["attributes"] = attributes } };
    }

    private async Task ConnectorWriteAsync(JsonObject profile, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempted);
        try
        {
            using var response = await SendAsync("api/profile-import", profile, NaiveScenario.ConnectorAgent, cancellationToken);
            if ((int)response.StatusCode == 429) Interlocked.Increment(ref _throttled); // dropped: the next run only carries newer changes
            else if (!response.IsSuccessStatusCode) Interlocked.Increment(ref _errors);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    private async Task PlacedOrderAsync(ShopifyOrderRecord order, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["type"] = "event",
                ["attributes"] = new JsonObject
                {
                    ["properties"] = new JsonObject { ["OrderId"] = order.Name, ["ItemCount"] = order.LineItems.Sum(l => l.Quantity) },
                    ["time"] = order.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["value"] = order.Total,
                    ["unique_id"] = order.Name,
                    ["metric"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "metric", ["attributes"] = new JsonObject { ["name"] = "Placed Order" } } },
                    ["profile"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "profile", ["attributes"] = new JsonObject { ["email"] = order.Email } } },
                },
            },
        };
        try
        {
            using var response = await SendAsync("api/events", body, NaiveScenario.ConnectorAgent, cancellationToken);
        }
        catch (HttpRequestException)
        {
            // dropped, like everything else this connector fails to send
        }
    }

    private async Task LoyaltyWriteAsync(ShopifyCustomerRecord customer, DateTimeOffset cacheAsOf, CancellationToken cancellationToken)
    {
        var stale = Summary(customer.Id, cacheAsOf);
        var body = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["type"] = "profile",
                ["attributes"] = new JsonObject
                {
                    ["email"] = customer.Email,
                    ["properties"] = new JsonObject { ["total_spent"] = stale.AmountSpent, ["loyalty_points"] = (int)(stale.AmountSpent * 10) },
                },
            },
        };
        Interlocked.Increment(ref _loyalty);
        try { using var _ = await SendAsync("api/profile-import", body, NaiveScenario.LoyaltyAgent, cancellationToken); }
        catch (HttpRequestException) { /* the loyalty app does not retry either */ }
    }

    private async Task OtherAppWriteAsync()
    {
        Interlocked.Increment(ref _other);
        var customer = store.Customers[_random.Next(store.Customers.Count)];
        var body = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["type"] = "profile",
                ["attributes"] = new JsonObject { ["email"] = customer.Email, ["properties"] = new JsonObject { ["review_request_sent"] = true } },
            },
        };
        try { using var _ = await SendAsync("api/profile-import", body, NaiveScenario.OtherAppsAgent, CancellationToken.None); }
        catch (HttpRequestException) { }
    }

    private async Task OtherAppEventAsync()
    {
        Interlocked.Increment(ref _other);
        var customer = store.Customers[_random.Next(store.Customers.Count)];
        var body = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["type"] = "event",
                ["attributes"] = new JsonObject
                {
                    ["properties"] = new JsonObject { ["ProductName"] = "Trail runner" },
                    ["metric"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "metric", ["attributes"] = new JsonObject { ["name"] = "Viewed Product" } } },
                    ["profile"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "profile", ["attributes"] = new JsonObject { ["email"] = customer.Email } } },
                },
            },
        };
        try { using var _ = await SendAsync("api/events", body, NaiveScenario.OtherAppsAgent, CancellationToken.None); }
        catch (HttpRequestException) { }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, JsonObject body, string agent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.api+json");
        request.Headers.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + sandbox.KlaviyoApiKey);
        request.Headers.TryAddWithoutValidation("revision", KlaviyoSimulatorOptions.Revision);
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        return await _http.SendAsync(request, cancellationToken);
    }
}

internal static class KlaviyoClientLimits
{
    public const int MaxProfilesPerJob = 10_000;
}

