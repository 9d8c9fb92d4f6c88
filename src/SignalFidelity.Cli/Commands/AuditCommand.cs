using System.CommandLine;
using SignalFidelity.Audit;
using SignalFidelity.Audit.Exports;
using SignalFidelity.Cli.Audit;
using SignalFidelity.Core.Csv;
using Spectre.Console;

namespace SignalFidelity.Cli.Commands;

/// <summary><c>sigfid audit</c>: the Phase 1 audit of a Shopify export against a CRM export.</summary>
internal static class AuditCommand
{
    // Progress is worth drawing only when reading takes more than a moment.
    private const long ProgressThresholdBytes = 8L << 20;

    public static Command Create()
    {
        var customers = new Option<FileInfo>("--shopify-customers") { Description = "Shopify customer export CSV (Customer ID, Email, Phone, Total Spent, Total Orders, Tags, ...).", Required = true };
        var orders = new Option<FileInfo>("--shopify-orders") { Description = "Shopify order export CSV, one row per line item (Name, Email, Created at, ...).", Required = true };
        var crm = new Option<string>("--crm") { Description = "The CRM the profiles come from.", Required = true };
        crm.AcceptOnlyFromAmong("klaviyo", "hubspot");
        var profiles = new Option<FileInfo>("--crm-profiles") { Description = "Klaviyo profile export or HubSpot contact export CSV.", Required = true };
        var column = new Option<string[]>("--column")
        {
            Description = "Which CRM export column holds a field, when the export does not use the topology's name: Field=Header, repeatable (--column TotalSpent=\"Total Spent\"). Field: a fidelity field (code name, words or CRM property), Email, Phone or Id.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var columns = new Option<FileInfo?>("--columns") { Description = "A CSV of column mappings with the header field,column (one line per field); --column overrides a line." };
        var preset = new Option<string?>("--preset")
        {
            Description = "Where a vendor's own Shopify integration puts Shopify's facts: " + string.Join(" or ", Core.Mapping.CrmIntegrationPresets.Names) + " (README: presets); --column overrides it field by field.",
        };
        preset.AcceptOnlyFromAmong([.. Core.Mapping.CrmIntegrationPresets.Names]);
        var crmProperties = new Option<FileInfo?>("--crm-properties") { Description = "HubSpot's property-list export (Settings > Properties > Export), to read an export headed by labels by the topology's internal names." };
        var writers = new Option<FileInfo?>("--writers") { Description = "Observed writers inventory CSV: property,writer." };
        var crmOrders = new Option<FileInfo?>("--crm-orders") { Description = "CRM order events CSV (Timestamp[, Order ID]) for the daily volume check." };
        var sample = new Option<string>("--sample") { Description = "Customers to sample, or 'all' for the whole population.", DefaultValueFactory = _ => "200" };
        var seed = new Option<int?>("--seed") { Description = "Sampling seed; the same seed draws the same customers." };
        var region = new Option<string>("--phone-region") { Description = "Region for phone numbers without a country code (ISO 3166-1, e.g. US, GB).", DefaultValueFactory = _ => "US" };
        var currency = new Option<string?>("--currency") { Description = "Shop currency (ISO 4217); amounts in another currency are refused, not converted." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for audit.md, audit.html, audit.json and the complete listings drifted.csv, missing.csv, duplicates.csv, unreadable.csv.", DefaultValueFactory = _ => new DirectoryInfo("audit") };

        var command = new Command("audit", "Phase 1 audit: diffs a Shopify export against a CRM export and writes the one-page report.")
        {
            customers, orders, crm, profiles, column, columns, preset, crmProperties, writers, crmOrders, sample, seed, region, currency, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            if (!TryParseSample(parse.GetValue(sample)!, out var sampleSize))
            {
                console.MarkupLine("[red]--sample: give a positive number of customers, or 'all'.[/]");
                return 2;
            }
            IReadOnlyDictionary<string, string> mapping;
            try
            {
                mapping = CrmColumnMapping.Parse(parse.GetValue(column) ?? [], parse.GetValue(columns)?.FullName);
            }
            catch (AuditInputException e)
            {
                console.MarkupLine($"[red]audit: {Markup.Escape(e.Message)}[/]");
                return 2;
            }
            var options = new AuditOptions
            {
                ShopifyCustomersPath = parse.GetValue(customers)!.FullName,
                ShopifyOrdersPath = parse.GetValue(orders)!.FullName,
                Crm = Enum.Parse<SyncSystem>(parse.GetValue(crm)!, ignoreCase: true),
                CrmProfilesPath = parse.GetValue(profiles)!.FullName,
                WritersPath = parse.GetValue(writers)?.FullName,
                CrmOrdersPath = parse.GetValue(crmOrders)?.FullName,
                SampleSize = sampleSize,
                Seed = parse.GetValue(seed),
                DefaultPhoneRegion = parse.GetValue(region)!,
                ShopCurrency = parse.GetValue(currency),
                ListingDirectory = parse.GetValue(output)!.FullName,
                CrmColumns = mapping,
                Preset = parse.GetValue(preset),
                CrmPropertiesPath = parse.GetValue(crmProperties)?.FullName,
            };
            try
            {
                var report = await RunWithProgressAsync(console, options, cancellationToken);
                var files = AuditRunner.WriteReports(report, parse.GetValue(output)!.FullName);
                AuditSummaryTable.Write(console, report, files);
                return 0;
            }
            catch (Exception e) when (e is AuditInputException or ArgumentException)
            {
                // One problem a line (every missing input is reported at once), each naming the verb.
                foreach (var problem in e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    console.MarkupLine($"[red]audit: {Markup.Escape(problem)}[/]");
                }

                return 2;
            }
        });
        return command;
    }

    internal static bool TryParseSample(string text, out int? size)
    {
        size = null;
        if (string.Equals(text.Trim(), "all", StringComparison.OrdinalIgnoreCase)) return true;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            size = n;
            return true;
        }
        return false;
    }

    private static async Task<Core.Reports.AuditReport> RunWithProgressAsync(IAnsiConsole console, AuditOptions options, CancellationToken cancellationToken)
    {
        var runner = DefaultTopologyAudit.CreateRunner();
        var totalBytes = new[] { options.ShopifyCustomersPath, options.ShopifyOrdersPath, options.CrmProfilesPath }
            .Where(File.Exists).Sum(p => new FileInfo(p).Length);
        if (totalBytes < ProgressThresholdBytes || !console.Profile.Capabilities.Interactive)
            return await runner.RunAsync(options, null, cancellationToken);

        Core.Reports.AuditReport? report = null;
        await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask("Reading exports", maxValue: 100);
            var progress = new SynchronousProgress(p =>
            {
                task.Description = p.Stage;
                task.Value = p.TotalBytes == 0 ? 100 : 100.0 * p.BytesRead / p.TotalBytes;
            });
            report = await runner.RunAsync(options, progress, cancellationToken);
            task.Value = 100;
        });
        return report!;
    }

    // Progress<T> posts to the thread pool and can report after the bar is gone; this reports in place.
    private sealed class SynchronousProgress(Action<AuditProgress> report) : IProgress<AuditProgress>
    {
        public void Report(AuditProgress value) => report(value);
    }
}
