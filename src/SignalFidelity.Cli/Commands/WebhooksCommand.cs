using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SignalFidelity.Cli.Worker;
using SignalFidelity.Connectors;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Pipeline;

namespace SignalFidelity.Cli.Commands;

/// <summary>
/// <c>sigfid webhooks check|ensure</c>: the shop's webhook subscriptions against the topics the topology
/// consumes, from the worker's own configuration (Admin API and <c>SignalFidelity:Shopify:WebhookUrl</c>).
/// </summary>
internal static class WebhooksCommand
{
    public static Command Create()
    {
        var command = new Command("webhooks", "Checks the shop's webhook subscriptions against the topology's topics, and creates the missing ones.");
        command.Subcommands.Add(Sub("check", "Lists each consumed topic and whether a subscription delivers it to the worker's URL; exit 1 when one is missing.", ensure: false));
        command.Subcommands.Add(Sub("ensure", "Creates the missing subscriptions for the worker's URL (webhookSubscriptionCreate).", ensure: true));
        return command;
    }

    private static Command Sub(string name, string description, bool ensure)
    {
        var shop = ConfiguredStore.ShopOption("The shop whose subscriptions are checked (its myshopify.com domain, one the worker is configured for; default the main shop).");
        var command = new Command(name, description) { shop };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // No store: the command only reads and creates subscriptions (the worker's own runs fill gaps).
            var root = WorkerConfiguration.Load([.. parseResult.UnmatchedTokens]);
            if (ConfiguredStore.ShopNamed(root, parseResult.GetValue(shop)) is not var (_, options, section))
            {
                return ConfiguredStore.UnusableInput;
            }

            if (string.IsNullOrWhiteSpace(options.Shopify.AdminBaseUrl) || !Uri.TryCreate(options.Shopify.WebhookUrl, UriKind.Absolute, out var webhookUrl))
            {
                Console.Error.WriteLine($"sigfid webhooks: set {section}:Shopify:AdminBaseUrl, {section}:Shopify:AccessToken and SignalFidelity:Shopify:WebhookUrl (the worker's public https://.../webhooks/shopify).");
                return ConfiguredStore.UnusableInput;
            }

            await using var services = new ServiceCollection().AddShopifyConnector(Destinations.ShopifyConnectionOf(options, TimeProvider.System)).BuildServiceProvider();
            var watchdog = new SubscriptionWatchdog(services.GetRequiredService<ShopifyClient>(), webhookUrl, store: null, reconciler: null, TimeProvider.System, NullLogger<SubscriptionWatchdog>.Instance);
            var check = ensure ? await watchdog.EnsureAsync(reconcileGap: false, cancellationToken) : await watchdog.CheckAsync(cancellationToken);
            foreach (var topic in check.Consumed)
            {
                var state = !check.Missing.Contains(topic) ? "subscribed" : check.Created.Contains(topic) ? "created" : "MISSING";
                Console.WriteLine($"{topic,-34} {state}");
            }

            Console.WriteLine($"delivering to {webhookUrl}");
            return check.Complete ? 0 : 1;
        });
        return command;
    }
}
