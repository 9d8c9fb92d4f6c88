using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>
/// Claims due writes under a lease, sends them through each destination's writer, and records the
/// outcome: done, retried at <c>next_attempt_at</c>, or dead-lettered with the reason. Several
/// dispatchers (threads or replicas) may run at once; the store's claim keeps one in flight per
/// person and destination. A crash after the vendor accepted a write but before it was marked done
/// repeats an idempotent upsert when the lease expires.
/// <para>
/// Sends are fenced: while a send is under way its leases are renewed every third of the lease, and its
/// <see cref="SendFence"/> is held only until 80% of the last renewal's lease (the rest is margin for clock
/// skew between replicas). When a renewal finds a lease taken over, or the process was paused past the fence,
/// the send is cancelled and no further attempt (retries included) leaves: the replica that took the write
/// over sends it, with the ledger's current values.
/// </para>
/// </summary>
public sealed partial class Dispatcher(
    IWorkerStore store,
    IEnumerable<IDestinationWriter> writers,
    DispatchOptions options,
    TimeProvider clock,
    ILogger<Dispatcher> logger) : BackgroundService
{
    private readonly string _leaseOwner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Runs one claim-and-send round per destination; returns how many writes it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        foreach (var writer in writers)
        {
            var claimed = await store.ClaimDueWritesAsync(_leaseOwner, options.Lease, options.BatchSize, writer.Destination, cancellationToken);
            if (claimed.Count == 0)
            {
                continue;
            }

            handled += claimed.Count;
            var outcomes = await SendFencedAsync(writer, claimed, cancellationToken);

            var byId = outcomes.ToDictionary(o => o.WriteId);
            foreach (var write in claimed)
            {
                var outcome = byId.GetValueOrDefault(write.Id) ?? WriteOutcome.Because(write.Id, WriteResult.Failed, "the writer reported no outcome");
                await RecordAsync(write, outcome, cancellationToken);
            }
        }

        return handled;
    }

    private async Task<IReadOnlyList<WriteOutcome>> SendFencedAsync(IDestinationWriter writer, IReadOnlyList<ClaimedWrite> claimed, CancellationToken cancellationToken)
    {
        var fence = new SendFence(clock, FenceUntil());
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sending = new CancellationTokenSource();
        var renewal = RenewWhileSendingAsync(claimed.Select(w => w.Id).ToList(), fence, lost, sending.Token);
        try
        {
            using (SendFence.Enter(fence))
            {
                return await writer.WriteAsync(claimed, bulk: claimed.Count >= options.BulkThreshold, lost.Token);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!fence.IsHeld)
            {
                // Handed back, not failed: the writes whose leases are gone belong to another dispatcher (the store
                // ignores this one's outcome for them), and the ones still held must not be charged an attempt.
                LogLeaseLost(logger, writer.Destination, claimed.Count);
                return claimed.Select(w => new WriteOutcome(w.Id, WriteResult.Throttled, "handed back: the lease was lost during the send", TimeSpan.Zero)).ToList();
            }

            // A connector's message may quote the vendor; the log gets its codes. Other exceptions are the worker's own.
            var logReason = exception is ConnectorException connector ? connector.LogReason : $"{exception.GetType().Name}: {exception.Message}";
            return claimed.Select(w => new WriteOutcome(w.Id, WriteResult.Failed, $"{exception.GetType().Name}: {exception.Message}") { LogReason = logReason }).ToList();
        }
        finally
        {
            await sending.CancelAsync();
            await renewal;
        }
    }

    /// <summary>How long a send may go on from now on the strength of a lease taken or renewed now.</summary>
    private DateTimeOffset FenceUntil() => clock.GetUtcNow() + (options.Lease * 0.8);

    private async Task RenewWhileSendingAsync(IReadOnlyList<long> ids, SendFence fence, CancellationTokenSource lost, CancellationToken sendDone)
    {
        while (!sendDone.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Lease / 3, clock, sendDone);
                var renewedAt = FenceUntil();
                if (await store.RenewLeasesAsync(ids, _leaseOwner, options.Lease, sendDone) < ids.Count)
                {
                    fence.Revoke();
                    await lost.CancelAsync();
                    return;
                }

                fence.Extend(renewedAt);
            }
            catch (OperationCanceledException) when (sendDone.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The store did not answer (busy, restarting): the lease is not proven this round, so the fence keeps
                // its last deadline and the send is cancelled at it; the next round may renew it again.
                LogRenewalFailed(logger, exception);
                var remaining = fence.HeldUntil - clock.GetUtcNow();
                lost.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            }
        }
    }

    /// <summary>Runs rounds until nothing is due or in flight (tests and backfills drain with it).</summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var handled = await RunOnceAsync(deadline.Token);
            var stats = await store.GetStatsAsync(deadline.Token);
            if (handled == 0 && stats.PendingWrites == 0 && stats.InFlightWrites == 0)
            {
                return;
            }

            if (handled == 0)
            {
                await Task.Delay(options.IdlePoll, deadline.Token);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) == 0)
                {
                    await Task.Delay(options.IdlePoll, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The store itself failed (disk full, database restarting): nothing was lost, try again.
                LogRoundFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }
    }

    private async Task RecordAsync(ClaimedWrite write, WriteOutcome outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        switch (outcome.Result)
        {
            case WriteResult.Written:
                await store.CompleteWriteAsync(write.Id, _leaseOwner, cancellationToken);
                break;
            case WriteResult.Throttled:
                await store.FailWriteAsync(write.Id, _leaseOwner, outcome.Reason ?? "throttled", now + (outcome.RetryAfter ?? Backoff.Delay(2, options)), cancellationToken);
                break;
            case WriteResult.Failed when write.Attempt < options.MaxAttempts:
                await store.FailWriteAsync(write.Id, _leaseOwner, outcome.Reason ?? "failed", now + (outcome.RetryAfter ?? Backoff.Delay(write.Attempt + 1, options)), cancellationToken);
                break;
            default:
                // The store keeps the full reason (it holds the payload anyway); the log, which travels further, gets codes and fields only.
                if (await store.FailWriteAsync(write.Id, _leaseOwner, $"{outcome.Result} after {write.Attempt} attempt(s): {outcome.Reason}", retryAt: null, cancellationToken))
                {
                    LogDeadLettered(logger, write.Id, write.Destination, write.Attempt, outcome.LogReason ?? "the reason is in the dead letter (sigfid deadletters list)");
                }

                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of {Count} write(s) to {Destination} during the send; another dispatcher sends them")]
    private static partial void LogLeaseLost(ILogger logger, SyncSystem destination, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew a lease during a send; the send stops when its fence runs out")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A dispatch round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write {WriteId} to {Destination} dead-lettered after {Attempts} attempt(s): {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, long writeId, SyncSystem destination, int attempts, string? reason);
}
