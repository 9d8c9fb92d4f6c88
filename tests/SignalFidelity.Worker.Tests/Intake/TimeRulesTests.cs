using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Intake;

/// <summary>
/// The time rules over real HTTP, with Shopify's own customers/update body: ties inside Shopify's
/// one-second <c>updated_at</c> go to the later trigger, impossible future times are clamped, and
/// deliveries triggered outside the freshness window are dead-lettered, not applied.
/// </summary>
public sealed class TimeRulesTests : IAsyncLifetime
{
    private RunningWorker _worker = null!;

    // A whole second a minute ago: Shopify's updated_at has no sub-second part.
    private static readonly DateTimeOffset Second = new(DateTimeOffset.UtcNow.AddMinutes(-1).UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public async Task InitializeAsync() => _worker = await RunningWorker.StartAsync();

    public async Task DisposeAsync() => await _worker.DisposeAsync();

    private static string Update(long id, string email, DateTimeOffset updatedAt) =>
        SharedReference.ShopifyWebhook("customers_update.json")
            .Replace("706405506930370084", id.ToString(CultureInfo.InvariantCulture))
            .Replace("bob@biller.com", email)
            // Shopify writes the shop's offset, as the sample does: -05:00.
            .Replace("\"updated_at\": \"2021-12-31T19:00:00-05:00\"", $"\"updated_at\": \"{updatedAt.ToOffset(TimeSpan.FromHours(-5)):yyyy-MM-dd'T'HH:mm:sszzz}\"");

    private async Task<string?> LedgerEmail(long id) =>
        (await _worker.Store.GetLedgerAsync($"gid://shopify/Customer/{id}", SyncSystem.Klaviyo)).SingleOrDefault(f => f.Property == "email")?.JsonValue;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_updates_in_one_second_end_on_the_later_trigger_whatever_the_arrival_order(bool laterArrivesFirst)
    {
        var id = laterArrivesFirst ? 11 : 10;
        var earlier = () => _worker.PostAsync("customers/update", Update(id, "first@example.com", Second), triggeredAt: Second.AddMilliseconds(100));
        var later = () => _worker.PostAsync("customers/update", Update(id, "second@example.com", Second), triggeredAt: Second.AddMilliseconds(900));

        if (laterArrivesFirst)
        {
            await later();
            await earlier();
        }
        else
        {
            await earlier();
            await later();
        }

        Assert.Equal("\"second@example.com\"", await LedgerEmail(id));
    }

    [Fact]
    public async Task An_exact_tie_goes_to_the_later_arrival()
    {
        var triggered = Second.AddMilliseconds(300);
        await _worker.PostAsync("customers/update", Update(12, "first@example.com", Second), triggeredAt: triggered);
        await _worker.PostAsync("customers/update", Update(12, "second@example.com", Second), triggeredAt: triggered);

        Assert.Equal("\"second@example.com\"", await LedgerEmail(12));
    }

    [Fact]
    public async Task An_updated_at_in_2099_is_clamped_to_the_receive_time_and_counted_so_it_does_not_pin_the_field()
    {
        var pinned = await _worker.PostAsync("customers/update", Update(13, "future@example.com", new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(System.Net.HttpStatusCode.OK, pinned.StatusCode);
        Assert.Equal("\"future@example.com\"", await LedgerEmail(13));

        var next = DateTimeOffset.UtcNow.AddSeconds(2);
        await _worker.PostAsync("customers/update", Update(13, "now@example.com", next), triggeredAt: next);

        Assert.Equal("\"now@example.com\"", await LedgerEmail(13));
        using var status = JsonDocument.Parse(await _worker.Client.GetStringAsync("/status"));
        Assert.Equal(1, status.RootElement.GetProperty("futureTimesClamped").GetInt64());
    }

    [Theory]
    [InlineData(-72 * 60, "freshness window")]
    [InlineData(365 * 24 * 60, "clock skew")]
    public async Task A_signed_delivery_triggered_outside_the_window_is_dead_lettered_with_the_reason_and_not_applied(int minutesFromNow, string reason)
    {
        var triggered = DateTimeOffset.UtcNow.AddMinutes(minutesFromNow);
        var eventId = "evt-window-" + minutesFromNow.ToString(CultureInfo.InvariantCulture);

        var response = await _worker.PostAsync("customers/update", Update(14, "stale@example.com", triggered), eventId: eventId, triggeredAt: triggered);

        Assert.Equal("dead-lettered", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Null(await LedgerEmail(14));
        Assert.Equal(DeliveryDisposition.OutsideWindow, (await _worker.Store.FindDeliveryAsync(eventId))!.Disposition);
        var deadLetter = Assert.Single(await _worker.Store.ListDeadLettersAsync());
        Assert.Contains(reason, deadLetter.Reason, StringComparison.Ordinal);
        Assert.Equal(eventId, deadLetter.EventId);
    }

    [Fact]
    public async Task An_authentic_delivery_with_an_unreadable_trigger_time_is_kept_as_a_dead_letter_with_a_200_and_its_retry_is_a_duplicate()
    {
        const string webhookId = "wh-unreadable-trigger";
        var body = Update(15, "untimed@example.com", Second);

        var first = await _worker.PostAsync("customers/update", body, webhookId: webhookId, triggeredAtHeader: "last Tuesday");
        var retry = await _worker.PostAsync("customers/update", body, webhookId: webhookId, triggeredAtHeader: "last Tuesday");

        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("dead-lettered", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("duplicate", (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Null(await LedgerEmail(15));
        var deadLetter = Assert.Single(await _worker.Store.ListDeadLettersAsync());
        Assert.Contains("X-Shopify-Triggered-At 'last Tuesday'", deadLetter.Reason, StringComparison.Ordinal);

        // Forged with the same unreadable time: refused before anything is stored.
        var forged = await _worker.PostAsync("customers/update", body, triggeredAtHeader: "last Tuesday", signature: "AAAA");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Single(await _worker.Store.ListDeadLettersAsync());
    }
}
