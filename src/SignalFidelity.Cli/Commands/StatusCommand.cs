using System.CommandLine;
using SignalFidelity.Cli.Worker;
using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command(
            "status", "Shows each shop's queue depth, lag, ledger, dead letters, last reconciliation and alert channels, from the worker's store (one section per shop).");
        var shopOption = ConfiguredStore.ShopOption("Only this shop (its myshopify.com domain, one the worker is configured for).");
        command.Options.Add(shopOption);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await ConfiguredStore.OpenAsync(parseResult.UnmatchedTokens, cancellationToken) is not { } opened)
            {
                return ConfiguredStore.UnusableInput;
            }

            var (options, store) = opened;
            await using var _store = store;
            if (ConfiguredStore.ShopsNamed(options, parseResult.GetValue(shopOption)) is not { } shops)
            {
                return ConfiguredStore.UnusableInput;
            }

            Console.WriteLine($"store               {StoreFactory.Describe(options.Store)}");
            foreach (var shop in shops)
            {
                Console.WriteLine();
                var view = store.ForShop(shop);
                Console.WriteLine((await StatusReport.From(await view.GetStatsAsync(cancellationToken)).WithAlertsAsync(view, options.Alerts, cancellationToken)).ToText());
            }

            return 0;
        });
        return command;
    }
}
