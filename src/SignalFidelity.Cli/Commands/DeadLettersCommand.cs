using System.CommandLine;
using System.Globalization;
using SignalFidelity.Cli.Worker;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Pipeline;

namespace SignalFidelity.Cli.Commands;

internal static class DeadLettersCommand
{
    public static Command Create()
    {
        var command = new Command("deadletters", "Lists and replays dead-lettered deliveries and writes, in the store the worker's configuration names.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateReplay());
        return command;
    }

    private static Command CreateList()
    {
        var all = new Option<bool>("--all") { Description = "Include dead letters already replayed." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 100 };
        var shop = ConfiguredStore.ShopOption("The shop whose dead letters to list (default: the main shop, SignalFidelity:Shopify:ShopDomain).");
        var list = new Command("list", "Lists dead letters with their reason.") { all, limit, shop };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await ConfiguredStore.OpenAsync(parseResult.UnmatchedTokens, cancellationToken) is not { } opened)
            {
                return ConfiguredStore.UnusableInput;
            }

            var (options, root) = opened;
            await using var _store = root;
            if (ConfiguredStore.ShopsNamed(options, parseResult.GetValue(shop)) is not [var named, ..])
            {
                return ConfiguredStore.UnusableInput;
            }

            var store = root.ForShop(named);
            var deadLetters = await store.ListDeadLettersAsync(parseResult.GetValue(limit), parseResult.GetValue(all), cancellationToken);
            if (deadLetters.Count == 0)
            {
                Console.WriteLine("No dead letters.");
                return 0;
            }

            Console.WriteLine("id\tkind\tcreated (UTC)\tattempts\tabout\treason");
            foreach (var d in deadLetters)
            {
                var about = d.Kind == SignalFidelity.Worker.Storage.DeadLetterKind.Write
                    ? $"{d.Destination} {d.CustomerKey}"
                    : $"{d.Topic} event {d.EventId}";
                var replayed = d.ReplayedAt is { } at ? $" (replayed {at.ToString("u", CultureInfo.InvariantCulture)})" : string.Empty;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{d.Id}\t{d.Kind}\t{d.CreatedAt:u}\t{d.Attempts}\t{about}\t{d.Reason}{replayed}"));
            }

            return 0;
        });
        return list;
    }

    private static Command CreateReplay()
    {
        var ids = new Option<long[]>("--id") { Description = "Replay only these dead letters (repeatable); all waiting ones when left out.", AllowMultipleArgumentsPerToken = true };
        var shop = ConfiguredStore.ShopOption("The shop whose dead letters to replay (default: the main shop, SignalFidelity:Shopify:ShopDomain).");
        var replay = new Command("replay", "Queues dead-lettered writes again and re-reads dead-lettered deliveries.") { ids, shop };
        replay.TreatUnmatchedTokensAsErrors = false;
        replay.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await ConfiguredStore.OpenAsync(parseResult.UnmatchedTokens, cancellationToken) is not { } opened)
            {
                return ConfiguredStore.UnusableInput;
            }

            var (options, root) = opened;
            await using var _store = root;
            if (ConfiguredStore.ShopsNamed(options, parseResult.GetValue(shop)) is not [var named, ..])
            {
                return ConfiguredStore.UnusableInput;
            }

            var store = root.ForShop(named);
            var chosen = parseResult.GetValue(ids);
            var replayer = new DeadLetterReplayer(store, new DeliveryInterpreter(GeneratedTopologyRuntime.Instance));
            var outcomes = await replayer.ReplayAsync(chosen is { Length: > 0 } ? chosen : null, cancellationToken);
            foreach (var outcome in outcomes)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcome.DeadLetterId}\t{(outcome.Replayed ? "replayed" : "not replayed")}\t{outcome.Detail}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcomes.Count(o => o.Replayed)} of {outcomes.Count} replayed."));
            return outcomes.All(o => o.Replayed) ? 0 : 1;
        });
        return replay;
    }
}
