using System.CommandLine;
using SignalFidelity.Cli.Worker;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Intake;

namespace SignalFidelity.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command(
            "status", "Shows each shop's queue depth, lag, ledger, dead letters and last reconciliation, from the worker's store (one section per shop).");
        var shopOption = new Option<string?>("--shop") { Description = "Only this shop (its myshopify.com domain, one the worker is configured for)." };
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
            var shops = ShopOptions.All(options).Select(s => s.Shop).ToList();
            if (parseResult.GetValue(shopOption) is { } only)
            {
                var shop = ShopSecrets.Normalize(only);
                if (!shops.Contains(shop))
                {
                    Console.Error.WriteLine(
                        $"sigfid: --shop {only} is not a shop this worker serves ({string.Join(", ", shops)}); name one of them, "
                        + "or configure it under SignalFidelity:Shops:<domain>.");
                    return ConfiguredStore.UnusableInput;
                }

                shops = [shop];
            }

            Console.WriteLine($"store               {StoreFactory.Describe(options.Store)}");
            foreach (var shop in shops)
            {
                Console.WriteLine();
                Console.WriteLine(StatusReport.From(await store.ForShop(shop).GetStatsAsync(cancellationToken)).ToText());
            }

            return 0;
        });
        return command;
    }
}
