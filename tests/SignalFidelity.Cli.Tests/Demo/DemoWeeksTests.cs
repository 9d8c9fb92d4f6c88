using System.Globalization;
using System.Text.RegularExpressions;
using SignalFidelity.Audit.Listings;
using SignalFidelity.Cli.Demo;
using SignalFidelity.Cli.Demo.Weeks;
using SignalFidelity.Core.Reports;
using SignalFidelity.Generated;
using SignalFidelity.Runtime;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Tests.Demo;

/// <summary>
/// The demo's Phase 3 where a user sees it: the messages the local Slack webhook and SMTP sink received, the history in
/// the worker's store and its chart, and the overwritten customers read back from the CRM's API after the heal.
/// </summary>
public sealed class DemoWeeksTests
{
    [Theory]
    [InlineData(SyncSystem.Klaviyo)]
    [InlineData(SyncSystem.HubSpot)]
    public async Task Four_weeks_after_the_governed_phase_drift_rises_to_one_alert_the_heal_repairs_it_and_one_recovery_follows(SyncSystem crm)
    {
        var output = Path.Combine(Path.GetTempPath(), "sigfid-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new DemoOptions { Customers = 1_000, Seed = 7, OutputDirectory = output, Crm = crm };
            DemoWeeksResult? result = null;
            var readBack = new List<(string Email, string? Crm, string? Shopify)>();
            await DemoRunner.RunBeforeAsync(options, afterAudit: async (sandbox, clock) =>
            {
                await DemoAfterPhase.RunAsync(sandbox, clock, options, null, CancellationToken.None);
                result = await DemoWeeksPhase.RunAsync(sandbox, clock, options, null, CancellationToken.None);
                // Healed in week 3 and not overwritten again in week 4: the CRM must hold Shopify's value, read through both APIs.
                var rewritten = result.Weeks[3].Overwrites.Select(o => o.CustomerId).ToHashSet();
                var ownerPath = CustomerManifest.Entity.Fields.Single(f => f.Name == result.Field.Field).OwnerProperty!;
                foreach (var o in result.Weeks.Take(3).SelectMany(w => w.Overwrites).Where(o => !rewritten.Contains(o.CustomerId)))
                {
                    clock.Advance(TimeSpan.FromSeconds(2)); // the phase's clock pump has stopped: let the vendors' rate windows refill
                    readBack.Add((o.Email, await VendorReadBack.CrmValueAsync(sandbox, crm, o.Email, result.Field.Property),
                        await VendorReadBack.ShopifyValueAsync(sandbox, o.CustomerId, ownerPath)));
                }
            });
            Assert.NotNull(result);

            // Slack got one warning, exactly one alert and exactly one recovery, in that order (a level that holds sends nothing).
            var slack = DemoMessages.SlackHeadlines(result.SlackMessages);
            var of = $"{crm} of {new SignalFidelity.Sandbox.Shopify.ShopifySimulatorOptions().ShopDomain}"; // headlines name the shop measured
            Assert.Collection(slack,
                s => Assert.StartsWith($"Drift warning: {of} at ", s, StringComparison.Ordinal),
                s => Assert.StartsWith($"Drift alert: {of} at ", s, StringComparison.Ordinal),
                s => Assert.StartsWith($"Drift recovered: {of} back to ", s, StringComparison.Ordinal));
            var alertFields = result.SlackMessages[1]["blocks"]!.AsArray().SelectMany(b => b!["fields"]?.AsArray() ?? []).Select(f => (string?)f!["text"]);
            Assert.Contains("*Level*\nwarning -> alert", alertFields);
            Assert.Equal([0, 1, 1, 1], result.Weeks.Select(w => w.SlackHeadlines.Count));

            // The SMTP sink got the same three, addressed to the topology's owner and backup, each with its week's report as the body.
            Assert.Equal(slack, DemoMessages.Subjects(result.Emails));
            var owner = GeneratedTopologyManifest.Instance.Owner!;
            foreach (var (mail, week) in result.Emails.Zip(result.Weeks.Skip(1)))
            {
                Assert.Equal(new[] { owner.Email, owner.BackupEmail! }.Order(), mail.To.Order());
                var html = DemoMessages.Parse(mail).HtmlBody!;
                Assert.Equal(File.ReadAllText(week.Report).ReplaceLineEndings("\n").Trim(), html.ReplaceLineEndings("\n").Trim());
            }

            // The history in the worker's store: four weekly checks, Mondays 06:00, levels in the story's order, drift rising to the alert.
            await using (var store = await StoreFactory.OpenAsync(new StoreOptions { Sqlite = result.Store }, new SignalFidelity.Sandbox.Shopify.ShopifySimulatorOptions().ShopDomain))
            {
                var checks = await store.GetChecksAsync();
                Assert.Equal([CheckLevel.Normal, CheckLevel.Warning, CheckLevel.Alert, CheckLevel.Normal], checks.Select(c => c.Level));
                Assert.All(checks, c => Assert.Equal((DayOfWeek.Monday, 6, 0), (c.RanAt.UtcDateTime.DayOfWeek, c.RanAt.UtcDateTime.Hour, c.RanAt.UtcDateTime.Minute)));
                Assert.All(checks.Zip(checks.Skip(1)), p => Assert.Equal(TimeSpan.FromDays(7), p.Second.RanAt - p.First.RanAt));
                Assert.True(checks[0].DriftPercent < checks[1].DriftPercent && checks[1].DriftPercent < checks[2].DriftPercent, "drift did not rise week by week");
                Assert.All(checks, c => Assert.Equal(options.Customers, c.Population));
            }
            var chart = File.ReadAllText(Path.Combine(output, "after", "history.html"));
            Assert.Equal(4, Regex.Count(chart, "<circle "));

            // What the week-3 check listed is exactly what the loyalty app wrote (plus whatever drift the governed phase left).
            var words = SignalFidelity.Audit.Topology.PlainWords.FieldName(result.Field.Field);
            var listed = DriftedListing.Read(Path.Combine(output, "after", "weeks", "week-3", AuditListings.DriftedFile)).Rows
                .Where(r => r.Field == words).ToDictionary(r => r.CustomerId, r => r.CrmValue);
            foreach (var o in result.Weeks.Take(3).SelectMany(w => w.Overwrites))
                Assert.True(SameValue(result.Field.Kind, o.Value, listed.GetValueOrDefault(o.CustomerId.ToString(CultureInfo.InvariantCulture))), $"{o.Email}: wrote {o.Value}, the check listed otherwise");

            // The heal ran once, in the alert week, and healed every customer it was given; the CRM now says what Shopify says.
            Assert.Equal([false, false, true, false], result.Weeks.Select(w => w.Heal is not null));
            Assert.True(result.Weeks[2].Heal!.AllHealed, string.Join("; ", result.Weeks[2].Heal!.Customers.Where(c => !c.Healed).SelectMany(c => c.Reasons)));
            Assert.NotEmpty(readBack);
            Assert.All(readBack, r => Assert.True(SameValue(result.Field.Kind, r.Shopify, r.Crm), $"{r.Email}: Shopify {r.Shopify}, {crm} {r.Crm}"));
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    // Amounts compare as numbers (Klaviyo answers 12.5 for "12.50"); everything else as the text each API answers.
    internal static bool SameValue(FieldValueKind kind, string? a, string? b) =>
        kind is FieldValueKind.Decimal or FieldValueKind.Floating or FieldValueKind.Integer
            ? decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && x == y
            : string.Equals(a, b, StringComparison.Ordinal);
}
