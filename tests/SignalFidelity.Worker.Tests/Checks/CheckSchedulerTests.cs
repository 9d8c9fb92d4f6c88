using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Tests.Storage;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>
/// The cron scheduler on a virtual clock (FakeTimeProvider: advancing it fires the schedulers' timers), with the
/// leases in a real store: two replicas on one PostgreSQL run a due check once; a named zone's DST change moves the
/// UTC time of a local 06:00 by an hour.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CheckSchedulerTests(PostgresServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Two_replicas_on_one_PostgreSQL_store_run_a_due_check_exactly_once_and_the_next_due_time_once_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 4, 59, 0, TimeSpan.Zero));
        var connection = await server.CreateIsolatedSchemaAsync();
        await using var storeA = new PostgresWorkerStore(connection, clock);
        await using var storeB = new PostgresWorkerStore(connection, clock);
        await storeA.InitializeAsync();
        await storeB.InitializeAsync();
        var (checkA, checkB) = (new CountingCheck(ScheduledCheckNames.VolumeCheck), new CountingCheck(ScheduledCheckNames.VolumeCheck));
        var settled = new ConcurrentQueue<(DateTimeOffset Due, bool RanHere)>();
        using var replicaA = Scheduler(Options("UTC", volume: "0 5 * * *"), checkA, storeA, clock, settled);
        using var replicaB = Scheduler(Options("UTC", volume: "0 5 * * *"), checkB, storeB, clock, settled);
        await replicaA.StartAsync(CancellationToken.None);
        await replicaB.StartAsync(CancellationToken.None);

        await Settle(); // both loops wait on their timers before the clock moves
        clock.Advance(TimeSpan.FromMinutes(1));
        await Until(() => settled.Count == 2);
        var firstDue = new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);
        Assert.Equal([firstDue], [.. checkA.Runs, .. checkB.Runs]);
        Assert.Single(settled, s => s.RanHere);

        clock.Advance(TimeSpan.FromDays(1));
        await Until(() => settled.Count == 4);
        Assert.Equal([firstDue, firstDue.AddDays(1)], checkA.Runs.Concat(checkB.Runs).Order());

        await replicaA.StopAsync(CancellationToken.None);
        await replicaB.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_lease_left_by_a_replica_that_died_mid_check_is_taken_over_once_it_runs_out_and_a_completed_run_never()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero));
        await using var store = new PostgresWorkerStore(await server.CreateIsolatedSchemaAsync(), clock);
        await store.InitializeAsync();
        var due = clock.GetUtcNow();

        Assert.True(await store.TryClaimScheduledRunAsync("VolumeCheck", due, "died", clock.GetUtcNow().AddMinutes(10)));
        Assert.False(await store.TryClaimScheduledRunAsync("VolumeCheck", due, "other", clock.GetUtcNow().AddMinutes(10)));
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.True(await store.TryClaimScheduledRunAsync("VolumeCheck", due, "other", clock.GetUtcNow().AddMinutes(10)));
        Assert.False(await store.RenewScheduledRunAsync("VolumeCheck", due, "died", clock.GetUtcNow().AddMinutes(10)));
        await store.CompleteScheduledRunAsync("VolumeCheck", due, "other");
        clock.Advance(TimeSpan.FromHours(1));
        Assert.False(await store.TryClaimScheduledRunAsync("VolumeCheck", due, "third", clock.GetUtcNow().AddMinutes(10)));
    }

    [Fact]
    public async Task Monday_06_00_in_Berlin_is_04_00_UTC_in_summer_time_and_05_00_UTC_after_the_clocks_go_back()
    {
        using var folder = new TempFolder();
        // Friday before the last Sunday of October 2026, when Europe/Berlin goes from CEST (+2) to CET (+1).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 16, 12, 0, 0, TimeSpan.Zero));
        await using var store = new SqliteWorkerStore(folder.File("worker.db"), clock: clock);
        await store.InitializeAsync();
        var drift = new CountingCheck(ScheduledCheckNames.DriftCheck);
        var settled = new ConcurrentQueue<(DateTimeOffset Due, bool RanHere)>();
        using var scheduler = Scheduler(Options("Europe/Berlin", drift: "0 6 * * MON"), drift, store, clock, settled);
        await scheduler.StartAsync(CancellationToken.None);
        await Settle();

        var summerMonday = new DateTimeOffset(2026, 10, 19, 4, 0, 0, TimeSpan.Zero);
        clock.Advance(summerMonday - clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        await Settle();
        Assert.Empty(drift.Runs); // 05:59 in Berlin: not yet
        clock.Advance(TimeSpan.FromMinutes(1));
        await Until(() => settled.Count == 1);

        var winterMonday = new DateTimeOffset(2026, 10, 26, 5, 0, 0, TimeSpan.Zero);
        clock.Advance(winterMonday - clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        await Settle();
        Assert.Single(drift.Runs); // 04:59 UTC is 05:59 CET: the summer-time instant has passed without a run
        clock.Advance(TimeSpan.FromMinutes(1));
        await Until(() => settled.Count == 2);

        Assert.Equal([summerMonday, winterMonday], drift.Runs);
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_scheduled_check_no_one_registered_is_logged_once_as_not_configured_and_the_others_run()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 4, 59, 0, TimeSpan.Zero));
        await using var store = new SqliteWorkerStore(folder.File("worker.db"), clock: clock);
        await store.InitializeAsync();
        var volume = new CountingCheck(ScheduledCheckNames.VolumeCheck);
        using var logs = new Hosting.CapturedLogs();
        using var logging = LoggerFactory.Create(b => b.AddProvider(logs));
        var options = Options("UTC", volume: "0 5 * * *", drift: "0 6 * * MON");
        using var scheduler = new CheckScheduler(CheckSchedules.From(options), [volume], store, TimeSpan.FromMinutes(10), clock,
            logging.CreateLogger<CheckScheduler>());
        await scheduler.StartAsync(CancellationToken.None);
        await Settle();
        clock.Advance(TimeSpan.FromDays(7));
        await Until(() => volume.Runs.Count == 1);

        Assert.Single(logs.Lines, l => l.Contains("DriftCheck is scheduled '0 6 * * MON' in UTC but not configured in this worker; it does not run", StringComparison.Ordinal));
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void A_bad_cron_expression_or_time_zone_is_named_with_its_key_its_value_and_the_fix()
    {
        var options = Options("Europe/Berlln", volume: "0 5 * *", drift: "0 6 * * MON");

        var problems = WorkerOptionsValidation.Problems(options);

        Assert.Contains(problems, p => p.StartsWith("SignalFidelity:Schedules:VolumeCheck is '0 5 * *'; it must be a cron expression of five fields", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("SignalFidelity:TimeZone is 'Europe/Berlln'; it must be an IANA time zone id such as UTC", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("DriftCheck", StringComparison.Ordinal));
    }

    private static WorkerOptions Options(string zone, string volume = "", string drift = "")
    {
        var options = new WorkerOptions { TimeZone = zone };
        options.Shopify.ShopDomain = "s.myshopify.com";
        options.Shopify.WebhookSecret = "secret";
        options.Schedules.VolumeCheck = volume;
        options.Schedules.DriftCheck = drift;
        return options;
    }

    private static CheckScheduler Scheduler(WorkerOptions options, IScheduledCheck check, IWorkerStore store, TimeProvider clock, ConcurrentQueue<(DateTimeOffset, bool)> settled)
    {
        var scheduler = new CheckScheduler(CheckSchedules.From(options), [check], store, TimeSpan.FromMinutes(10), clock, NullLogger<CheckScheduler>.Instance);
        scheduler.Settled += (_, due, ranHere) => settled.Enqueue((due, ranHere));
        return scheduler;
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the scheduled run did not settle in time");
            await Task.Delay(20);
        }

        await Settle(); // and nothing more arrives
    }

    // A loop that read the clock just before an advance would set its timer from the new time and miss the due time:
    // give the loops a moment (real time) to reach their timers before the virtual clock moves.
    private static Task Settle() => Task.Delay(300);

    private sealed class TempFolder : IDisposable
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-schedule-test.");

        public string File(string name) => Path.Combine(_folder.FullName, name);

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Delete(recursive: true);
        }
    }
}
