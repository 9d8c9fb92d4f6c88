using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Checks;

/// <summary>
/// Runs each scheduled check at its cron times in the configured time zone. Every replica wakes at a due time, and
/// the store's lease (<see cref="IWorkerStore.TryClaimScheduledRunAsync"/>) lets exactly one of them run it; the
/// holder renews the lease while the check runs. The interval jobs (reconciliation, CRM poll, subscription check)
/// stay in <see cref="Pipeline.Schedules"/>: they are idempotent pulls every replica may run.
/// </summary>
public sealed partial class CheckScheduler(
    CheckSchedules schedules,
    IEnumerable<IScheduledCheck> checks,
    IWorkerStore store,
    TimeSpan lease,
    TimeProvider clock,
    ILogger<CheckScheduler> logger) : BackgroundService
{
    // Task.Delay refuses waits past about 49 days; a yearly cron waits in steps.
    private static readonly TimeSpan LongestStep = TimeSpan.FromDays(7);
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly Dictionary<string, IScheduledCheck> _checks = checks.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>Raised once this replica is done with a due time: the check, the due time, and whether it ran it here (tests wait on it).</summary>
    public event Action<string, DateTimeOffset, bool>? Settled;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task>();
        foreach (var schedule in schedules.Checks)
        {
            if (!_checks.TryGetValue(schedule.Name, out var check))
            {
                LogNotConfigured(logger, schedule.Name, schedule.Cron, schedules.Zone.Id);
                continue;
            }

            LogScheduled(logger, schedule.Name, schedule.Cron, schedules.Zone.Id, Next(schedule, clock.GetUtcNow()));
            // The start time is taken here, at start-up, so a due time right after it is never skipped.
            loops.Add(LoopAsync(schedule, check, clock.GetUtcNow(), stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    private DateTimeOffset? Next(CheckSchedule schedule, DateTimeOffset after) => schedule.Expression.GetNextOccurrence(after, schedules.Zone);

    private async Task LoopAsync(CheckSchedule schedule, IScheduledCheck check, DateTimeOffset after, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested && Next(schedule, after) is { } due)
            {
                for (var wait = due - clock.GetUtcNow(); wait > TimeSpan.Zero; wait = due - clock.GetUtcNow())
                {
                    await Task.Delay(wait < LongestStep ? wait : LongestStep, clock, stoppingToken);
                }

                await RunOnceAsync(check, due, stoppingToken);
                after = due;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOnceAsync(IScheduledCheck check, DateTimeOffset due, CancellationToken stoppingToken)
    {
        try
        {
            if (!await store.TryClaimScheduledRunAsync(check.Name, due, _owner, clock.GetUtcNow() + lease, stoppingToken))
            {
                LogTakenElsewhere(logger, check.Name, due);
                Settled?.Invoke(check.Name, due, false);
                return;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStoreFailed(logger, check.Name, due, exception);
            Settled?.Invoke(check.Name, due, false);
            return;
        }

        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewAsync(check.Name, due, running.Token);
        try
        {
            LogRan(logger, check.Name, due, await check.RunAsync(due, running.Token));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw; // stopping: the lease runs out and another replica takes the run over
        }
        catch (ConnectorException exception)
        {
            // A vendor's message may quote values: the log gets status and codes.
            LogVendorFailed(logger, check.Name, due, exception.LogReason);
        }
        catch (Exception exception)
        {
            LogFailed(logger, check.Name, due, exception);
        }
        finally
        {
            await running.CancelAsync();
            await renewal;
        }

        // A failed run is done too: the next due time tries again, rather than every replica retrying this one.
        try
        {
            await store.CompleteScheduledRunAsync(check.Name, due, _owner, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The lease still runs out; a store that hiccups must not end the schedule (nor, through it, the host).
            LogStoreFailed(logger, check.Name, due, exception);
        }

        Settled?.Invoke(check.Name, due, true);
    }

    private async Task RenewAsync(string name, DateTimeOffset due, CancellationToken running)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, clock, running);
                await store.RenewScheduledRunAsync(name, due, _owner, clock.GetUtcNow() + lease, running);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception exception)
        {
            LogStoreFailed(logger, name, due, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Check} is scheduled '{Cron}' in {Zone}; next at {Next:u}")]
    private static partial void LogScheduled(ILogger logger, string check, string cron, string zone, DateTimeOffset? next);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Check} is scheduled '{Cron}' in {Zone} but not configured in this worker; it does not run")]
    private static partial void LogNotConfigured(ILogger logger, string check, string cron, string zone);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Check} due {Due:u}: {Summary}")]
    private static partial void LogRan(ILogger logger, string check, DateTimeOffset due, string summary);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Check} due {Due:u} is run by another replica")]
    private static partial void LogTakenElsewhere(ILogger logger, string check, DateTimeOffset due);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Check} due {Due:u} failed ({Reason}); it runs again at its next time")]
    private static partial void LogVendorFailed(ILogger logger, string check, DateTimeOffset due, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Check} due {Due:u} failed; it runs again at its next time")]
    private static partial void LogFailed(ILogger logger, string check, DateTimeOffset due, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Check} due {Due:u}: the store could not record its lease")]
    private static partial void LogStoreFailed(ILogger logger, string check, DateTimeOffset due, Exception exception);
}
