using System.Text;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Crash;

/// <summary>
/// <c>sigfid deadletters</c> and <c>sigfid status</c> as an operator runs them: a real process that
/// finds the worker's store through the same environment variable the worker reads.
/// </summary>
public sealed class DeadLettersCliTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private readonly OperatorCommand _sigfid = new("sigfid-deadletters-test.");

    private string Database => _sigfid.Database;

    [Fact]
    public async Task List_shows_each_dead_letter_with_its_reason_and_replay_requeues_a_write_but_not_a_still_unreadable_delivery()
    {
        long writeLetter;
        await using (var store = new SqliteWorkerStore(Database, shop: OperatorCommand.Shop))
        {
            await store.InitializeAsync();
            await store.RecordDeliveryAsync(
                new DeliveryRecord("evt-bad", "w1", "customers/update", OperatorCommand.Shop, T0, T0, Encoding.UTF8.GetBytes("{oops"), DeliveryDisposition.Unparseable, Reason: "customers/update body unreadable: '{' is invalid"),
                []);
            await store.ProposeWritesAsync([new ProposedWrite("gid://shopify/Customer/7", SyncSystem.Klaviyo, WriteOperation.Upsert, [new FieldValue("total_spent", "12.5", T0)])]);
            var claimed = Assert.Single(await store.ClaimDueWritesAsync("t", TimeSpan.FromMinutes(1), 10));
            await store.FailWriteAsync(claimed.Id, "t", "HTTP 400: invalid email", retryAt: null);
            writeLetter = (await store.ListDeadLettersAsync()).Single(d => d.Kind == DeadLetterKind.Write).Id;
        }

        var list = await SigfidAsync("deadletters", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("HTTP 400: invalid email", list.Output);
        Assert.Contains("customers/update body unreadable", list.Output);

        var status = await SigfidAsync("status");
        Assert.Contains("dead letters        2", status.Output);

        var replayWrite = await SigfidAsync("deadletters", "replay", "--id", writeLetter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, replayWrite.ExitCode);
        var replayAll = await SigfidAsync("deadletters", "replay");
        Assert.Equal(1, replayAll.ExitCode); // the delivery is still unreadable: said, not hidden
        Assert.Contains("still unreadable", replayAll.Output);

        await using var after = new SqliteWorkerStore(Database, shop: OperatorCommand.Shop);
        Assert.Equal(1, (await after.GetStatsAsync()).PendingWrites);
        Assert.Equal(DeadLetterKind.Delivery, Assert.Single(await after.ListDeadLettersAsync()).Kind);
    }

    [Fact]
    public async Task Each_shops_dead_letters_are_listed_and_replayed_under_its_shop_only()
    {
        const string other = "other-store.myshopify.com";
        await using (var store = new SqliteWorkerStore(Database, shop: OperatorCommand.Shop))
        {
            await store.InitializeAsync();
            var shopB = store.ForShop(other);
            await shopB.ProposeWritesAsync([new ProposedWrite("gid://shopify/Customer/7", SyncSystem.Klaviyo, WriteOperation.Upsert, [new FieldValue("total_spent", "3.5", T0)])]);
            var claimed = Assert.Single(await shopB.ClaimDueWritesAsync("t", TimeSpan.FromMinutes(1), 10));
            await shopB.FailWriteAsync(claimed.Id, "t", "HTTP 400: shop B's invalid email", retryAt: null);
        }

        string[] otherShop = [$"--SignalFidelity:Shops:{other}:WebhookSecret=shpss_other"];
        Assert.Contains("No dead letters.", (await SigfidAsync(["deadletters", "list", .. otherShop])).Output, StringComparison.Ordinal);
        Assert.Contains("shop B's invalid email", (await SigfidAsync(["deadletters", "list", "--shop", other, .. otherShop])).Output, StringComparison.Ordinal);
        var unserved = await SigfidAsync("deadletters", "list", "--shop", other);
        Assert.Equal(2, unserved.ExitCode);
        Assert.Contains($"--shop {other} is not a shop this worker serves ({OperatorCommand.Shop})", unserved.Output, StringComparison.Ordinal);

        var replay = await SigfidAsync(["deadletters", "replay", "--shop", other, .. otherShop]);
        Assert.True(replay.ExitCode == 0, replay.Output);
        await using var after = new SqliteWorkerStore(Database, shop: OperatorCommand.Shop);
        Assert.Equal(0, (await after.GetStatsAsync()).PendingWrites);
        Assert.Equal(1, (await after.ForShop(other).GetStatsAsync()).PendingWrites);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("deadletters", "list")]
    public async Task A_store_that_does_not_exist_is_refused_with_its_path_and_setting_and_not_created(params string[] command)
    {
        var (exitCode, output) = await SigfidAsync(command);

        Assert.Equal(2, exitCode);
        Assert.Contains($"no worker database at {Database}", output, StringComparison.Ordinal);
        Assert.Contains("SignalFidelity:Store:Sqlite", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
    }

    private Task<(int ExitCode, string Output)> SigfidAsync(params string[] arguments) => _sigfid.RunAsync(arguments);

    public void Dispose() => _sigfid.Dispose();
}
