using System.Text;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Crash;

/// <summary>
/// <c>sigfid backup --to FILE</c> as an operator runs it next to a live worker store: the store stays open with
/// committed data still in its write-ahead log (not checkpointed into the main file), the backup is a real process,
/// and the copy is opened as a worker store and read back.
/// </summary>
public sealed class BackupCliTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private readonly OperatorCommand _sigfid = new("sigfid-backup-test.");

    private string Database => _sigfid.Database;

    [Fact]
    public async Task The_backup_of_an_open_store_holds_every_write_and_dead_letter_and_opens_as_a_store()
    {
        await using var live = new SqliteWorkerStore(Database, shop: OperatorCommand.Shop);
        await live.InitializeAsync();
        await live.RecordDeliveryAsync(
            new DeliveryRecord("evt-bad", "w1", "customers/update", OperatorCommand.Shop, T0, T0, Encoding.UTF8.GetBytes("{oops"), DeliveryDisposition.Unparseable, Reason: "customers/update body unreadable"),
            []);
        await live.ProposeWritesAsync(Enumerable.Range(1, 25).Select(i =>
            new ProposedWrite($"gid://shopify/Customer/{i}", SyncSystem.Klaviyo, WriteOperation.Upsert, [new FieldValue("total_spent", $"{i}.50", T0)])).ToList());
        Assert.True(new FileInfo(Database + "-wal").Length > 0, "the test means a store whose recent commits are still in the WAL");
        var before = await live.GetStatsAsync();

        var backup = Path.Combine(_sigfid.Folder, "backups", "worker-backup.db");
        Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
        var (exitCode, output) = await SigfidAsync("backup", "--to", backup);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"backup {backup}:", output, StringComparison.Ordinal);
        Assert.Contains("integrity ok", output, StringComparison.Ordinal);
        Assert.False(File.Exists(backup + "-wal") && new FileInfo(backup + "-wal").Length > 0, "a backup is one self-contained file");
        await using (var copy = new SqliteWorkerStore(backup, shop: OperatorCommand.Shop))
        {
            var after = await copy.GetStatsAsync();
            Assert.Equal(25, after.PendingWrites);
            Assert.Equal(before.PendingWrites, after.PendingWrites);
            Assert.Equal("customers/update body unreadable", Assert.Single(await copy.ListDeadLettersAsync()).Reason);
        }

        // The worker's store goes on as before, and a second backup to the same file is refused, not overwritten.
        await live.ProposeWritesAsync([new ProposedWrite("gid://shopify/Customer/99", SyncSystem.Klaviyo, WriteOperation.Upsert, [new FieldValue("total_spent", "1", T0)])]);
        var again = await SigfidAsync("backup", "--to", backup);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists", again.Output, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> SigfidAsync(params string[] arguments) => _sigfid.RunAsync(arguments);

    public void Dispose() => _sigfid.Dispose();
}
