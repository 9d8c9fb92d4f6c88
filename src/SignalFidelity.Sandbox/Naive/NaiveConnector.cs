using System.Globalization;
using SignalFidelity.Sandbox.Clock;
using SignalFidelity.Sandbox.Seeding;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Sandbox.Naive;

/// <summary>
/// Syncs the seeded store into a sandbox CRM (Klaviyo by default, or HubSpot: <see cref="NaiveCrms"/>) the way the article describes the default connector:
/// every fifteen minutes it pushes what changed, all at once, keyed by the email typed at checkout; a 429
/// or an error drops the write (no retry, no record); other apps share the account's limits; a loyalty
/// app writes total_spent from a stale cache, and the last writer wins. It talks real HTTP to the sandbox
/// and replays the ninety days on a <see cref="VirtualClock"/>, so the outcome depends on the seed only.
/// </summary>
public sealed class NaiveConnector(SandboxHost sandbox, VirtualClock clock, SeededStore store, NaiveScenario scenario, SyncSystem crm = SyncSystem.Klaviyo)
{
    private readonly INaiveCrm _crm = NaiveCrms.For(crm, sandbox);
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
                writes.Add(() => ConnectorWriteAsync(ProfileOf(created, created.Email!, null), cancellationToken));
            }
            var batch = new List<ShopifyOrderRecord>();
            while (orders.TryPeek(out var o) && o.CreatedAt <= t) batch.Add(orders.Dequeue());
            foreach (var order in batch)
            {
                var customer = sandbox.Shopify.Store.Customer(order.CustomerId!.Value)!;
                // The connector keys the profile by the address typed at checkout: a variant makes a second profile.
                writes.Add(() => ConnectorWriteAsync(ProfileOf(customer, order.Email ?? customer.Email!, Summary(order.CustomerId!.Value, t)), cancellationToken));
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
        var asOf = store.Scenario.WindowStart;
        var existing = store.Customers.Where(c => c.CreatedAt < asOf).Select(c => ProfileOf(c, c.Email!, Summary(c.Id, asOf))).ToList();
        await _crm.BackfillAsync(existing, clock, cancellationToken);
    }

    private ShopifyCustomerSummary Summary(long customerId, DateTimeOffset asOf) => sandbox.Shopify.Store.Summary(customerId, asOf);

    private NaiveProfile ProfileOf(ShopifyCustomerRecord customer, string email, ShopifyCustomerSummary? summary)
    {
        var facts = new NaiveFacts(store.SegmentTags[customer.Id], summary?.AmountSpent ?? 0m, summary?.NumberOfOrders ?? 0, null, null, null, null);
        if (summary?.LastOrder is { } last)
            facts = facts with { LastOrderDate = last.CreatedAt, LastOrderPaymentStatus = last.FinancialStatus, FirstOrderDate = summary.FirstOrderDate, RefundedTotal = summary.RefundedTotal };
        // The connector sends a phone only in the E.164 form the CRM accepts; anything else it leaves out.
        var phone = customer.Phone is { } p && p.StartsWith('+') && !p.Contains(' ', StringComparison.Ordinal) ? p : null;
        return new NaiveProfile(email, customer.FirstName, customer.LastName, phone, facts);
    }

    private async Task ConnectorWriteAsync(NaiveProfile profile, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempted);
        var outcome = await _crm.WriteAsync(profile, _crm.ConnectorAgent, cancellationToken);
        if (outcome == NaiveOutcome.Throttled) Interlocked.Increment(ref _throttled); // dropped: the next run only carries newer changes
        else if (outcome == NaiveOutcome.Failed) Interlocked.Increment(ref _errors);
    }

    private Task PlacedOrderAsync(ShopifyOrderRecord order, CancellationToken cancellationToken) => _crm.PlacedOrderAsync(order, _crm.ConnectorAgent, cancellationToken);

    private async Task LoyaltyWriteAsync(ShopifyCustomerRecord customer, DateTimeOffset cacheAsOf, CancellationToken cancellationToken)
    {
        var stale = Summary(customer.Id, cacheAsOf);
        Interlocked.Increment(ref _loyalty);
        await _crm.LoyaltyWriteAsync(customer.Email!, stale.AmountSpent, NaiveScenario.LoyaltyAgent, cancellationToken); // the loyalty app does not retry either
    }

    private async Task OtherAppWriteAsync()
    {
        Interlocked.Increment(ref _other);
        await _crm.OtherAppWriteAsync(store.Customers[_random.Next(store.Customers.Count)].Email!, NaiveScenario.OtherAppsAgent);
    }

    private async Task OtherAppEventAsync()
    {
        Interlocked.Increment(ref _other);
        await _crm.OtherAppEventAsync(store.Customers[_random.Next(store.Customers.Count)].Email!, NaiveScenario.OtherAppsAgent);
    }
}
