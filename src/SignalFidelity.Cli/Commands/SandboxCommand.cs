using System.CommandLine;
using SignalFidelity.Cli.Sandbox;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Seeding;
using SignalFidelity.Sandbox.Shopify;
using Spectre.Console;

namespace SignalFidelity.Cli.Commands;

internal static class SandboxCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var customers = new Option<int>("--customers") { Description = "Seed the shop with this many customers and their 90 days of orders (0: empty shop).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed for the store and the fault injection.", DefaultValueFactory = _ => 42 };
        var webhookUrl = new Option<Uri?>("--webhook-url") { Description = "Where the simulated Shopify delivers webhooks (signed with the printed secret)." };
        var plan = new Option<string>("--shopify-plan") { Description = "Shopify plan whose cost bucket applies.", DefaultValueFactory = _ => "standard" };
        plan.AcceptOnlyFromAmong("standard", "advanced", "plus", "enterprise");
        var envFile = new Option<string?>("--env-file") { Description = "Once the simulators listen, write the worker's configuration for them here as KEY=VALUE lines (`set -a; . PATH` points a worker at them)." };
        var command = new Command("sandbox", "Starts the local Shopify, Klaviyo and HubSpot simulators and prints their URLs and secrets; runs until Ctrl+C.")
        {
            port, customers, seed, webhookUrl, plan, envFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            var options = new SandboxOptions { Port = parse.GetValue(port), Seed = parse.GetValue(seed) };
            options.Shopify.Plan = Enum.Parse<ShopifyPlan>(parse.GetValue(plan)!, ignoreCase: true);
            options.Webhooks.TargetUrl = parse.GetValue(webhookUrl);
            await using var sandbox = await SandboxHost.StartAsync(options, cancellationToken);
            if (parse.GetValue(customers) is > 0 and var count)
            {
                StoreGenerator.Generate(new StoreScenario { Customers = count, Seed = options.Seed }).LoadInto(sandbox.Shopify.Store);
                console.MarkupLine($"Seeded {count:N0} customers and {sandbox.Shopify.Store.Orders.Count:N0} orders.");
            }
            SandboxBanner.Write(console, sandbox);
            if (parse.GetValue(envFile) is { Length: > 0 } envPath)
            {
                await SandboxEnvFile.WriteAsync(envPath, sandbox, cancellationToken);
                console.MarkupLine($"Worker configuration written to [bold]{Markup.Escape(envPath)}[/].");
            }
            console.MarkupLine("[grey]Press Ctrl+C to stop.[/]");
            try { await Task.Delay(Timeout.Infinite, cancellationToken); }
            catch (OperationCanceledException) { }
            console.MarkupLine("Sandbox stopped.");
            return 0;
        });
        return command;
    }
}
