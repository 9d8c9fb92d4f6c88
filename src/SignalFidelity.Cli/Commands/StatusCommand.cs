using System.CommandLine;
using SignalFidelity.Cli.Worker;
using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Shows the worker's queue depth, lag, dead letters, last reconciliation and alert channels, from its store.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await ConfiguredStore.OpenAsync(parseResult.UnmatchedTokens, cancellationToken) is not { } opened)
            {
                return ConfiguredStore.UnusableInput;
            }

            var (options, store) = opened;
            await using var _store = store;
            Console.WriteLine($"store               {StoreFactory.Describe(options.Store)}");
            Console.WriteLine((await StatusReport.From(await store.GetStatsAsync(cancellationToken)).WithAlertsAsync(store, options.Alerts, cancellationToken)).ToText());
            return 0;
        });
        return command;
    }
}
