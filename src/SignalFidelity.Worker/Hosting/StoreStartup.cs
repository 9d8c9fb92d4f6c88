using Microsoft.Extensions.Logging;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Storage.Migrations;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// Opens the store at start, retrying with backoff for <c>SignalFidelity:Store:StartupRetry</c>: a database that is
/// still booting or a volume not yet mounted is common when a whole stack starts at once. When the time is up
/// the worker stops with one line naming the setting, never with a stack trace.
/// </summary>
internal static partial class StoreStartup
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(5);

    /// <summary>The setting that says where the store is: the one to fix when it cannot be opened.</summary>
    public static string SettingOf(StoreOptions options) =>
        string.IsNullOrWhiteSpace(options.Postgres) ? "SignalFidelity:Store:Sqlite" : "SignalFidelity:Store:Postgres";

    public static async Task<IWorkerStore> OpenAsync(StoreOptions options, string shop, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + options.StartupRetry;
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StoreFactory.OpenAsync(options, shop, clock, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A retry window means at least one retry, even when the first attempt alone outlasted it (a slow start).
                // A schema from a newer release does not get better by waiting.
                var left = deadline - clock.GetUtcNow();
                if (exception is SchemaTooNewException || (left <= TimeSpan.Zero && (attempt > 1 || options.StartupRetry <= TimeSpan.Zero)))
                {
                    throw WorkerStartupException.Store(Problem(options, exception, attempt), exception);
                }

                if (attempt == 1)
                {
                    LogRetrying(logger, StoreFactory.Describe(options), Why(exception), options.StartupRetry);
                }

                await Task.Delay(left <= TimeSpan.Zero ? TimeSpan.Zero : delay < left ? delay : left, clock, cancellationToken);
                delay = delay * 2 < LongestDelay ? delay * 2 : LongestDelay;
            }
        }
    }

    private static string Problem(StoreOptions options, Exception exception, int attempts)
    {
        // Describe never shows the PostgreSQL connection string, which may hold a password.
        var tried = attempts == 1 ? "tried once" : $"tried {attempts} times over {options.StartupRetry:c} (SignalFidelity:Store:StartupRetry)";
        return $"cannot open the store, {StoreFactory.Describe(options)}: {Why(exception)}; {tried}; check {SettingOf(options)}";
    }

    /// <summary>The innermost message on one line: "SQLite Error 14: 'unable to open database file'", "Connection refused".</summary>
    private static string Why(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is { } inner && innermost is not Microsoft.Data.Sqlite.SqliteException)
        {
            innermost = inner;
        }

        var text = innermost == exception ? exception.Message : $"{exception.Message} ({innermost.Message})";
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store ({Store}) cannot be opened yet: {Why}; retrying for up to {StartupRetry}")]
    private static partial void LogRetrying(ILogger logger, string store, string why, TimeSpan startupRetry);
}
