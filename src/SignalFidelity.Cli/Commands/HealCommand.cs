using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Cli.Worker;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Core.Csv;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Pipeline;
using Spectre.Console;

namespace SignalFidelity.Cli.Commands;

/// <summary>
/// <c>sigfid heal --from DIR/drifted.csv</c>: queues Shopify's values again for every listed customer in the worker's
/// store, waits for the running worker to send them, re-checks those customers and says healed / not healed for each.
/// </summary>
internal static class HealCommand
{
    public static Command Create()
    {
        var from = new Option<FileInfo>("--from") { Description = "The drifted.csv that sigfid drift or sigfid audit wrote.", Required = true };
        var wait = new Option<TimeSpan>("--wait") { Description = "How long to wait for the worker to send the queued writes before re-checking.", DefaultValueFactory = _ => TimeSpan.FromMinutes(2) };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the re-check's report and listings.", DefaultValueFactory = _ => new DirectoryInfo("heal") };
        var shop = ConfiguredStore.ShopOption("The shop the drifted.csv is of (its myshopify.com domain, one the worker is configured for; default the main shop).");
        var command = new Command("heal", "Re-sends Shopify's values for the customers of a drifted.csv through the worker's queue, then re-checks exactly them.")
        {
            from, wait, output, shop,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            // The writes go into the worker's queue: without its store there is nobody to send them.
            if (await ConfiguredStore.OpenAsync(parse.UnmatchedTokens, cancellationToken) is not { } opened) return ConfiguredStore.UnusableInput;
            var (root, database) = opened;
            await using var _database = database;
            if (ConfiguredStore.ShopNamed(root, parse.GetValue(shop)) is not var (shopDomain, options, section)) return ConfiguredStore.UnusableInput;
            var store = database.ForShop(shopDomain);
            if (string.IsNullOrWhiteSpace(options.Shopify.AdminBaseUrl))
            {
                console.MarkupLine($"[red]heal: {section}:Shopify:AdminBaseUrl is not set; set it (and {section}:Shopify:AccessToken) as the worker reads it.[/]");
                return 2;
            }
            await using var services = LiveConnections.Build(options);
            var reconciler = new Reconciler(services.GetRequiredService<ShopifyClient>(), store, GeneratedTopologyRuntime.Instance);
            var healer = new Healer(reconciler, services.GetRequiredService<DriftCheck>(), store);
            try
            {
                var result = await healer.HealAsync(parse.GetValue(from)!.FullName, parse.GetValue(wait), parse.GetValue(output)!.FullName, cancellationToken);
                if (!result.Drained)
                    console.MarkupLine($"[yellow]heal: writes still queued after {parse.GetValue(wait)}: is a worker running against this store? It sends them; re-run sigfid heal later.[/]");
                foreach (var customer in result.Customers)
                {
                    if (customer.Healed) console.MarkupLine($"[green]healed[/]     {Markup.Escape(customer.CustomerId)}");
                    else console.MarkupLine($"[red]not healed[/] {Markup.Escape(customer.CustomerId)}: {Markup.Escape(string.Join("; ", customer.Reasons))}");
                }
                console.MarkupLine($"{result.Customers.Count(c => c.Healed)} of {result.Customers.Count} healed; re-check report in {Markup.Escape(result.RecheckDirectory)}.");
                return result.AllHealed ? 0 : 1;
            }
            catch (AuditInputException e)
            {
                console.MarkupLine($"[red]heal: {Markup.Escape(e.Message)}[/]");
                return 2;
            }
            catch (ConnectorException e)
            {
                console.MarkupLine($"[red]heal: {Markup.Escape(e.Message)}; check the connection settings ({section}:Shopify:*, {section}:Klaviyo:*, {section}:HubSpot:*).[/]");
                return 2;
            }
        });
        return command;
    }
}
