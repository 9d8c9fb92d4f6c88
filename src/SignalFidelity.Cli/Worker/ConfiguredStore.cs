using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Worker;

/// <summary>Opens the store the worker uses, from the same configuration sources the worker reads.</summary>
internal static class ConfiguredStore
{
    /// <summary>The exit code of a command whose input or configuration cannot be used.</summary>
    public const int UnusableInput = 2;

    /// <summary>
    /// Loads the configuration (plus any <c>--SignalFidelity:...</c> overrides) and opens the store; null, with
    /// the reason on stderr, when the configured SQLite file does not exist: opening it would create an empty
    /// database and report it as a healthy, empty queue (run from the worker's folder, or name the file).
    /// </summary>
    public static async Task<(WorkerOptions Options, IWorkerStore Store)?> OpenAsync(IReadOnlyList<string> configurationArgs, CancellationToken cancellationToken)
    {
        var options = WorkerConfiguration.Load([.. configurationArgs]);
        if (string.IsNullOrWhiteSpace(options.Store.Postgres) && IsMissingSqlite(options))
        {
            return null;
        }

        return (options, await StoreFactory.OpenAsync(options, cancellationToken: cancellationToken));
    }

    /// <summary>True, with the path and the settings that name it on stderr, when the configured SQLite file does not exist.</summary>
    public static bool IsMissingSqlite(WorkerOptions options)
    {
        if (File.Exists(options.Store.Sqlite))
        {
            return false;
        }

        Console.Error.WriteLine(
            $"sigfid: no worker database at {Path.GetFullPath(options.Store.Sqlite)}; run from the worker's folder or set SignalFidelity:Store:Sqlite "
            + "(--SignalFidelity:Store:Sqlite=PATH, or SignalFidelity__Store__Sqlite) or SignalFidelity:Store:Postgres.");
        return true;
    }
}
