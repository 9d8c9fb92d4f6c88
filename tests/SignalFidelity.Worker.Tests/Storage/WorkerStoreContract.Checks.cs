using System.Text;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Storage;

/// <summary>The check history's parts of the contract: drifted customers per check, claimed alert sends, dead letters per period.</summary>
public abstract partial class WorkerStoreContract
{
    [Fact]
    public async Task The_drifted_customers_of_the_last_two_checks_of_one_CRM_are_read_back_and_older_or_other_CRMs_are_not()
    {
        await RecordDriftAsync("klaviyo", ("1", "Total spent"), ("2", "Order count"));   // three checks ago: out of the window
        await RecordDriftAsync("klaviyo", ("3", "Total spent"));
        await RecordDriftAsync("hubspot", ("4", "Total spent"));                          // another CRM
        await RecordDriftAsync("klaviyo", ("5", "Last order date"), ("5", "Total spent"), ("5", "Total spent"));

        var earlier = await Store.GetDriftedInLastChecksAsync("drift", "klaviyo", 2);

        Assert.Equal([("3", "Total spent"), ("5", "Last order date"), ("5", "Total spent")], earlier.Select(e => (e.CustomerId, e.Field)));
        var checks = await Store.GetChecksAsync();
        Assert.Equal(checks.Where(c => c.Crm == "klaviyo").Skip(1).Select(c => c.Id), earlier.Select(e => e.CheckId).Distinct());
    }

    [Fact]
    public async Task Storing_a_check_deletes_the_drifted_customers_of_its_CRMs_checks_older_than_the_two_the_next_check_reads()
    {
        await RecordDriftAsync("klaviyo", ("1", "Total spent"));
        await RecordDriftAsync("hubspot", ("2", "Total spent"));                          // another CRM: its own two
        await RecordDriftAsync("klaviyo", ("3", "Total spent"));
        await RecordDriftAsync("klaviyo", ("4", "Order count"));
        await RecordDriftAsync("klaviyo");                                                 // a clean check still pushes the oldest out

        // Asked for every check there is, only what the last two keep comes back: the older rows are gone.
        Assert.Equal([("4", "Order count")], (await Store.GetDriftedInLastChecksAsync("drift", "klaviyo", 10)).Select(e => (e.CustomerId, e.Field)));
        Assert.Equal([("2", "Total spent")], (await Store.GetDriftedInLastChecksAsync("drift", "hubspot", 10)).Select(e => (e.CustomerId, e.Field)));
        Assert.Equal(5, (await Store.GetChecksAsync()).Count); // the history itself is kept whole
    }

    [Fact]
    public async Task A_due_alert_is_claimed_by_exactly_one_of_many_concurrent_senders_and_shows_its_next_attempt_while_pending()
    {
        var (_, queued) = await Store.RecordCheckAsync(Check("klaviyo"), _ => [("slack", "{}")]);
        var alert = Assert.Single(queued);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.TryClaimAlertAsync(alert.Id, TimeSpan.FromMinutes(5))));
        Assert.Equal(1, claims.Count(c => c));
        Assert.Empty(await Store.GetDueAlertsAsync());

        await Store.RecordAlertAttemptAsync(alert.Id, "HttpRequestException: Slack answered 500", TimeSpan.FromMinutes(1));
        var pending = Assert.Single(await Store.GetPendingAlertsAsync());
        Assert.Equal((1, "HttpRequestException: Slack answered 500", Clock.GetUtcNow().AddMinutes(1)), (pending.Attempts, pending.LastError, pending.NextAttemptAt));

        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Store.TryClaimAlertAsync(alert.Id, TimeSpan.FromMinutes(5)));
        await Store.RecordAlertAttemptAsync(alert.Id, null, TimeSpan.Zero);
        Assert.Empty(await Store.GetPendingAlertsAsync());
        Assert.False(await Store.TryClaimAlertAsync(alert.Id, TimeSpan.FromMinutes(5))); // sent: never again
    }

    [Fact]
    public async Task Dead_letters_are_counted_per_reason_and_topic_within_the_period_asked_replayed_ones_included()
    {
        var start = Clock.GetUtcNow();
        await DeadLetterDeliveryAsync("evt-1", "customers/update", "customers/update body unreadable");
        await DeadLetterDeliveryAsync("evt-2", "customers/update", "customers/update body unreadable");
        await DeadLetterDeliveryAsync("evt-3", "orders/create", "orders/create body unreadable");
        Clock.Advance(TimeSpan.FromDays(40));
        await DeadLetterDeliveryAsync("evt-4", "customers/update", "customers/update body unreadable"); // the next period

        var tallies = await Store.CountDeadLettersAsync(start, start.AddDays(30));

        Assert.Equal([("customers/update", "customers/update body unreadable", 2L), ("orders/create", "orders/create body unreadable", 1L)],
            tallies.Select(t => (t.Topic, t.Reason, t.Count)));
        Assert.All(tallies, t => Assert.Equal(DeadLetterKind.Delivery, t.Kind));
    }

    private Task DeadLetterDeliveryAsync(string eventId, string topic, string reason) => Store.RecordDeliveryAsync(
        new DeliveryRecord(eventId, Guid.NewGuid().ToString(), topic, "shop.myshopify.com", Clock.GetUtcNow(), Clock.GetUtcNow(),
            Encoding.UTF8.GetBytes("{oops"), DeliveryDisposition.Unparseable, Reason: reason), []);

    private Task RecordDriftAsync(string crm, params (string Customer, string Field)[] drifted) =>
        Store.RecordCheckAsync(Check(crm) with { DriftedFields = [.. drifted.Select(d => new DriftedField(d.Customer, d.Field))] }, _ => []);

    private CheckRecord Check(string crm) => new(0, Clock.GetUtcNow(), "drift", crm, 20, 20, 1, 5, 1, 20, CheckLevel.Warning, new Dictionary<string, int>(), "/reports/drift.html");
}
