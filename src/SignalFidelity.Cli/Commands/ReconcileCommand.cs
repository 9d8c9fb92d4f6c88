using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Cli.Worker;
using SignalFidelity.Connectors;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Core.Mapping;
using SignalFidelity.Core.Reports;
using SignalFidelity.Core.Volume;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Cli.Commands;

/// <summary>
/// <c>sigfid reconcile</c>: the daily volume check through the APIs, from the worker's own configuration (Shopify's
/// Admin API for orders placed, Klaviyo's events API for orders that reached the CRM), kept in the check history like the
/// worker's scheduled one; with <c>--alert</c> announced by the worker's rule (a message when the level changed). Exit 1 on alert.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create()
    {
        var crm = new Option<string?>("--crm") { Description = "klaviyo or hubspot (default: the CRM the configuration names; HubSpot keeps no order events here)." };
        crm.AcceptOnlyFromAmong("klaviyo", "hubspot");
        var days = new Option<int>("--days") { Description = "UTC days to report, today included (1-90); each is judged against the 7 days before it.", DefaultValueFactory = _ => 7 };
        days.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 90) r.AddError($"--days is {r.GetValueOrDefault<int>()}; it must be between 1 and 90");
        });
        var output = new Option<DirectoryInfo>("--out") { Description = "Where volume.json is written.", DefaultValueFactory = _ => new DirectoryInfo("reconcile") };
        var alert = new Option<bool>("--alert") { Description = "Send the alert channels' message when the level changed since the last volume check (as the worker's schedule does)." };
        var command = new Command("reconcile", "Orders placed per day in Shopify vs orders that reached the CRM, against the 7-day baseline; exit 1 on alert.")
        {
            crm, days, output, alert,
        };
        var shop = ConfiguredStore.ShopOption("The shop counted (its myshopify.com domain, one the worker is configured for; default the main shop): its Shopify, its Klaviyo, its history.");
        command.Options.Add(shop);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var root = WorkerConfiguration.Load([.. parseResult.UnmatchedTokens]);
            if (ConfiguredStore.ShopNamed(root, parseResult.GetValue(shop)) is not var (shopDomain, options, _))
            {
                return ConfiguredStore.UnusableInput;
            }

            var chosen = parseResult.GetValue(crm) ?? (string.IsNullOrWhiteSpace(options.Klaviyo.BaseUrl) && !string.IsNullOrWhiteSpace(options.HubSpot.BaseUrl) ? "hubspot" : "klaviyo");
            if (chosen == "hubspot")
            {
                Console.Error.WriteLine("sigfid reconcile: HubSpot keeps no order events here (the worker writes contact properties only), so there is nothing to count; use --crm klaviyo.");
                return ConfiguredStore.UnusableInput;
            }

            if (string.IsNullOrWhiteSpace(options.Shopify.AdminBaseUrl) || string.IsNullOrWhiteSpace(options.Klaviyo.BaseUrl))
            {
                Console.Error.WriteLine("sigfid reconcile: set SignalFidelity:Shopify:AdminBaseUrl and SignalFidelity:Shopify:AccessToken (orders placed) and SignalFidelity:Klaviyo:BaseUrl and SignalFidelity:Klaviyo:ApiKey (orders in the CRM).");
                return ConfiguredStore.UnusableInput;
            }

            await using var services = new ServiceCollection()
                .AddShopifyConnector(Destinations.ShopifyConnectionOf(options, TimeProvider.System))
                .AddKlaviyoConnector(Destinations.KlaviyoConnectionOf(options, TimeProvider.System))
                .BuildServiceProvider();
            var check = new VolumeCheck(services.GetRequiredService<ShopifyClient>(), services.GetRequiredService<KlaviyoClient>(), TimeProvider.System);
            VolumeCheckResult result;
            try
            {
                result = await check.RunAsync(parseResult.GetValue(days), KlaviyoNativeIntegration.OrderMetric, cancellationToken);
            }
            catch (ConnectorException exception)
            {
                Console.Error.WriteLine($"sigfid reconcile: {exception.Message}; check the connection settings (SignalFidelity:Shopify:*, SignalFidelity:Klaviyo:*).");
                return ConfiguredStore.UnusableInput;
            }

            Print(result);
            var path = VolumeReportWriter.Write(result, parseResult.GetValue(output)!.FullName);
            Console.WriteLine($"wrote {path}");
            if (result.LastJudged is not null)
            {
                // Kept where the worker keeps its own, so the monthly page (sigfid fidelity report) lists the gaps.
                await using var database = await StoreFactory.OpenAsync(root, cancellationToken: cancellationToken);
                using var http = new HttpClient();
                var alerts = new DriftAlerts(database.ForShop(shopDomain), DriftAlerts.ChannelsOf(root.Alerts, http), root.Alerts); // channels are the deployment's
                if (await alerts.RecordAsync(result, path, parseResult.GetValue(alert), cancellationToken) is { } recorded)
                    Console.WriteLine($"kept as check {recorded.Check.Id} in {StoreFactory.Describe(root.Store)}; {recorded.Queued.Count} alert message(s) queued");
            }
            return result.Level == VolumeLevel.Alert ? 1 : 0;
        });
        return command;
    }

    private static void Print(VolumeCheckResult result)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"orders placed (Shopify) vs '{result.Metric}' events ({result.Crm}) per UTC day; webhook lag {result.Options.WebhookLag.TotalHours:0.##} h, baseline {result.Options.BaselineDays} normal days, warning +{result.Options.WarningPoints:0.#} / alert +{result.Options.AlertPoints:0.#} points"));
        Console.WriteLine($"{"day",-10} {"placed",8} {"synced",8} {"gap",8} {"baseline",9}  level");
        foreach (var d in result.Days)
        {
            var baseline = d.BaselinePercent is { } b ? b.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Day:yyyy-MM-dd} {d.Placed,8} {d.Synced,8} {d.GapPercent.ToString("0.0", CultureInfo.InvariantCulture) + "%",8} {baseline,9}  {VolumeJson.Level(d.Level)}"));
        }

        Console.WriteLine($"level: {VolumeJson.Level(result.Level)}" + (result.LastJudged is { } last ? $" (last judged day {last.Day:yyyy-MM-dd})" : " (no day judged yet)"));
    }
}
