using System.CommandLine;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Intake;
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

    /// <summary>The <c>--shop</c> option of the commands that read or change one shop's rows.</summary>
    public static Option<string?> ShopOption(string description) => new("--shop") { Description = description };

    /// <summary>
    /// The shops a command works on: the one <c>--shop</c> names, else every shop the worker serves (the main one first);
    /// null, with the configured shops on stderr, when <paramref name="shop"/> is not one of them.
    /// </summary>
    public static IReadOnlyList<string>? ShopsNamed(WorkerOptions options, string? shop)
    {
        var served = ShopOptions.All(options).Select(s => s.Shop).ToList();
        if (shop is null)
        {
            return served;
        }

        if (served.Contains(ShopSecrets.Normalize(shop)))
        {
            return [ShopSecrets.Normalize(shop)];
        }

        Console.Error.WriteLine(
            $"sigfid: --shop {shop} is not a shop this worker serves ({string.Join(", ", served)}); name one of them, or configure it under SignalFidelity:Shops:<domain>.");
        return null;
    }

    /// <summary>
    /// The shop a command that reads one shop's vendors works on: the one <c>--shop</c> names (default the main shop),
    /// with the settings it runs with (<see cref="ShopOptions.For"/>: its own connections, the main shop falling back to
    /// the top level) and the section its keys are under, for messages naming the setting to fix; null, with the
    /// configured shops on stderr, when <paramref name="shop"/> is not one of them.
    /// </summary>
    public static (string Shop, WorkerOptions Options, string Section)? ShopNamed(WorkerOptions options, string? shop) =>
        ShopsNamed(options, shop ?? StoreFactory.MainShopOf(options)) is [var named]
            ? ShopOptions.All(options).First(s => s.Shop == named)
            : null;

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
