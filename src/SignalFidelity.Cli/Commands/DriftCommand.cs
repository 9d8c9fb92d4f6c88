using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Cli.Audit;
using SignalFidelity.Cli.Worker;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Core.Csv;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Hosting;
using Spectre.Console;

namespace SignalFidelity.Cli.Commands;

/// <summary>
/// <c>sigfid drift</c>: the Phase 1 diff read live from Shopify's GraphQL Admin and the CRM's API, with the worker's
/// connection settings (<c>SignalFidelity:*</c>, the environment, <c>--SignalFidelity:Key=value</c>).
/// </summary>
internal static class DriftCommand
{
    public static Command Create()
    {
        var crm = new Option<string>("--crm") { Description = "The CRM measured against Shopify.", Required = true };
        crm.AcceptOnlyFromAmong("klaviyo", "hubspot");
        var sample = new Option<string>("--sample") { Description = "Customers to sample, or 'all' for every customer (one Shopify bulk operation).", DefaultValueFactory = _ => "200" };
        var seed = new Option<int?>("--seed") { Description = "Sampling seed; the same seed draws the same customers." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for drift.md, drift.html, drift.json and drifted.csv (with missing.csv, duplicates.csv, unreadable.csv).", DefaultValueFactory = _ => new DirectoryInfo("drift") };
        var shop = ConfiguredStore.ShopOption("The shop measured (its myshopify.com domain, one the worker is configured for; default the main shop): its Shopify, its CRM, its history.");
        var alert = new Option<bool>("--alert") { Description = "Apply the alert rule: a message to the configured channels (SignalFidelity:Alerts:*) when the level changed since the last check." };
        var command = new Command("drift", "Live drift check: samples Shopify customers, reads the same people from the CRM, writes the audit's report, stores the check in the history.")
        {
            crm, sample, seed, output, alert, shop,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            if (!AuditCommand.TryParseSample(parse.GetValue(sample)!, out var sampleSize))
            {
                console.MarkupLine("[red]drift: --sample: give a positive number of customers, or 'all'.[/]");
                return 2;
            }
            var root = WorkerConfiguration.Load([.. parse.UnmatchedTokens]);
            if (ConfiguredStore.ShopNamed(root, parse.GetValue(shop)) is not var (shopDomain, options, section)) return 2;
            if (string.IsNullOrWhiteSpace(options.Shopify.AdminBaseUrl))
            {
                console.MarkupLine($"[red]drift: {section}:Shopify:AdminBaseUrl is not set; set it (and {section}:Shopify:AccessToken) as the worker reads it.[/]");
                return 2;
            }
            await using var services = LiveConnections.Build(options);
            var check = new DriftCheckOptions
            {
                Crm = Enum.Parse<SyncSystem>(parse.GetValue(crm)!, ignoreCase: true),
                SampleSize = sampleSize,
                Seed = parse.GetValue(seed),
                OutputDirectory = parse.GetValue(output)!.FullName,
            };
            try
            {
                var result = await RunWithProgressAsync(console, services.GetRequiredService<DriftCheck>(), check, cancellationToken);
                AuditSummaryTable.Write(console, result.Report, result.Files);
                // The history lives in the worker's store; a machine with none gets one where the worker would look for it.
                await using var database = await StoreFactory.OpenAsync(root, cancellationToken: cancellationToken);
                var store = database.ForShop(shopDomain);
                using var http = new HttpClient();
                var alerts = new DriftAlerts(store, DriftAlerts.ChannelsOf(options.Alerts, http), options.Alerts);
                var (stored, queued, contested) = await alerts.RecordAsync(result, parse.GetValue(alert), cancellationToken);
                console.MarkupLine($"Level: [bold]{stored.Level.ToString().ToLowerInvariant()}[/] (check {stored.Id} in {Markup.Escape(StoreFactory.Describe(options.Store))}); {queued.Count} alert message(s) queued.");
                foreach (var customer in contested)
                    console.MarkupLine($"[yellow]contested at run time: {Markup.Escape(customer.Describe())}[/]");
                foreach (var failed in (await store.GetAlertsAsync(cancellationToken)).Where(a => a.SentAt is null && a.LastError is not null))
                    console.MarkupLine($"[yellow]alert {failed.Id} ({failed.Channel}) not sent yet, kept for retry: {Markup.Escape(failed.LastError!)}[/]");
                return 0;
            }
            catch (AuditInputException e)
            {
                console.MarkupLine($"[red]drift: {Markup.Escape(e.Message)}[/]");
                return 2;
            }
            catch (ConnectorException e)
            {
                console.MarkupLine($"[red]drift: {Markup.Escape(e.Message)}; check the connection settings ({section}:Shopify:*, {section}:{check.Crm}:*).[/]");
                return 2;
            }
        });
        return command;
    }

    // The whole population takes minutes on a large shop: a bar per stage. A sample is quick and needs none.
    private static async Task<DriftCheckResult> RunWithProgressAsync(IAnsiConsole console, DriftCheck check, DriftCheckOptions options, CancellationToken cancellationToken)
    {
        if (options.SampleSize is not null || !console.Profile.Capabilities.Interactive) return await check.RunAsync(options, null, cancellationToken);
        DriftCheckResult? result = null;
        await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
            var progress = new InlineProgress(p =>
            {
                if (!tasks.TryGetValue(p.Stage, out var task)) tasks[p.Stage] = task = context.AddTask(p.Stage, maxValue: 1);
                if (p.Total is { } total) { task.MaxValue = Math.Max(1, total); task.Value = p.Done; }
                else task.IsIndeterminate = true;
            });
            result = await check.RunAsync(options, progress, cancellationToken);
        });
        return result!;
    }

    // Progress<T> posts to the thread pool and can report after the bar is gone; this reports in place.
    private sealed class InlineProgress(Action<DriftCheckProgress> report) : IProgress<DriftCheckProgress>
    {
        public void Report(DriftCheckProgress value) => report(value);
    }
}
