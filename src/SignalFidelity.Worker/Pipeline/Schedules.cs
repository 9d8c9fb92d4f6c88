using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>
/// Runs the reconciliation pull and the CRM poll on their intervals. The first reconciliation with no
/// cursor is the backfill: every Shopify customer goes through the ledger once.
/// </summary>
public sealed partial class Schedules(
    ScheduleOptions options,
    TimeProvider clock,
    ILogger<Schedules> logger,
    Reconciler? reconciler = null,
    CrmPoller? crmPoller = null,
    SubscriptionWatchdog? watchdog = null) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        reconciler is null || options.Reconciliation <= TimeSpan.Zero
            ? Task.CompletedTask
            : EveryAsync(options.Reconciliation, "reconciliation", async ct => await reconciler.RunAsync(full: false, ct), stoppingToken),
        crmPoller is null || options.CrmPoll <= TimeSpan.Zero
            ? Task.CompletedTask
            : EveryAsync(options.CrmPoll, "CRM poll", crmPoller.RunAsync, stoppingToken),
        watchdog is null || options.SubscriptionCheck <= TimeSpan.Zero
            ? Task.CompletedTask
            : EveryAsync(options.SubscriptionCheck, "webhook subscription check", watchdog.RunAsync, stoppingToken));

    private async Task EveryAsync(TimeSpan interval, string name, Func<CancellationToken, Task<int>> run, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await run(stoppingToken);
                LogRan(logger, name, count);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ConnectorException exception)
            {
                // A vendor outage or refusal: the cursor did not move, the next run covers the same span. The
                // exception's message may quote the vendor, and vendors quote values: the log gets status and codes.
                LogVendorFailed(logger, name, exception.LogReason);
            }
            catch (Exception exception)
            {
                LogFailed(logger, name, exception);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Name} read {Count} record(s)")]
    private static partial void LogRan(ILogger logger, string name, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name} failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name} failed ({Reason}); retrying at the next interval")]
    private static partial void LogVendorFailed(ILogger logger, string name, string reason);
}
