using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SignalFidelity.Worker.Alerts;

/// <summary>
/// Sends the alert outbox's due messages every <see cref="AlertOptions.FlushInterval"/>, so a message a channel refused
/// goes out once the receiver is back (after <see cref="AlertOptions.RetryAfter"/>), not a week later with the next
/// drift check. Replicas flushing together claim each message first (<see cref="Storage.ICheckHistoryStore.TryClaimAlertAsync"/>).
/// </summary>
public sealed partial class AlertOutboxFlusher(DriftAlerts alerts, AlertOptions options, TimeProvider clock, ILogger<AlertOutboxFlusher> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.FlushInterval, clock, stoppingToken);
                try
                {
                    if (await alerts.FlushAsync(stoppingToken) is > 0 and var pending) LogPending(logger, pending);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The store hiccuped: the messages stay in the outbox and the next round tries again.
                    LogFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Pending} alert message(s) could not be sent yet; they are retried (see /health)")]
    private static partial void LogPending(ILogger logger, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the alert outbox could not be flushed; it is tried again at the next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
