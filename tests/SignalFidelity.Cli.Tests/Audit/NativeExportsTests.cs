using System.Globalization;
using Microsoft.VisualBasic.FileIO;
using SignalFidelity.Audit;
using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Reports;

namespace SignalFidelity.Cli.Tests.Audit;

/// <summary>
/// The audit on CRM exports in the vendors' own shapes, hand-built (Fixtures/NativeExports/build.py) against the
/// store of Fixtures/RealExports: Klaviyo's native integration with --preset klaviyo-native, and one HubSpot portal
/// exported headed by labels and by internal names.
/// </summary>
public sealed class NativeExportsTests
{
    private static string Native(string file) => Path.Combine(AuditFixture.Dir, "NativeExports", file);

    private static AuditOptions Options(SyncSystem crm, string profiles, string? preset = null) => AuditFixture.RealExports.Options() with
    {
        Crm = crm,
        CrmProfilesPath = Native(profiles),
        Preset = preset,
        MaxExamples = 50,
    };

    private static AuditReport Run(AuditOptions options) => DefaultTopologyAudit.CreateRunner().Run(options);

    [Fact]
    public void Klaviyo_native_export_with_the_preset_gives_the_numbers_computed_from_the_files()
    {
        var report = Run(Options(SyncSystem.Klaviyo, "klaviyo_native_profiles_export.csv", "klaviyo-native"));
        var expected = Independently(AuditFixture.RealExports.ShopifyCustomers, Native("klaviyo_native_profiles_export.csv"));

        Assert.Equal(expected.Measured, report.Drift.SampleSize);
        Assert.Equal(expected.Missing, report.Drift.MissingCount);
        Assert.Equal(expected.Drifted, report.Drift.DriftedCount);
        var perField = report.Drift.PerField.ToDictionary(f => f.Field, f => f.DriftedCount);
        Assert.Equal(expected.SpentDrifted, perField["TotalSpent"]);
        Assert.Equal(expected.OrdersDrifted, perField["OrderCount"]);
        // The hand-built file says what the computation must find, so a broken computation cannot agree by accident.
        Assert.Equal((18, 2, 7, 4, 2), (expected.Measured, expected.Missing, expected.Drifted, expected.SpentDrifted, expected.OrdersDrifted));

        // Klaviyo's integration keeps the last order as an event and writes no primary tag: neither is measured, and said so.
        Assert.Equal(0, perField.GetValueOrDefault("LastOrderDate"));
        Assert.Contains(report.Notes, n => n.StartsWith("LastOrderDate is not measured with --preset klaviyo-native", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.StartsWith("PrimaryTag is not measured: the Klaviyo export has no column 'primary_tag'", StringComparison.Ordinal));
        Assert.Empty(report.UnownedCustomProperties); // Shopify Tags is the integration's own
    }

    [Fact]
    public void A_missing_customer_one_tag_away_from_a_CRM_key_gets_a_near_match_hint()
    {
        using var temp = new AuditFixture.TempDir();
        var report = Run(Options(SyncSystem.Klaviyo, "klaviyo_native_profiles_export.csv", "klaviyo-native") with { ListingDirectory = temp.Path });
        var dev = Assert.Single(report.Drift.Missing, m => m.Id == "7812345000404");
        Assert.Equal("dev.rivera+shop@example.com", dev.NearMatch);
        Assert.Equal("no CRM record with this key; near match: dev.rivera+shop@example.com (differs by a +tag)", dev.Reason);
        Assert.Null(Assert.Single(report.Drift.Missing, m => m.Id == "7812345000418").NearMatch);

        var missing = File.ReadAllLines(Path.Combine(temp.Path, "missing.csv"));
        Assert.Equal("shopify_customer_id,match_key,reason,near_match", missing[0]);
        Assert.Contains(missing, l => l.StartsWith("7812345000404,", StringComparison.Ordinal) && l.EndsWith(",dev.rivera+shop@example.com", StringComparison.Ordinal));
        Assert.Contains("near match: dev.rivera+shop@example.com", MarkdownReportRenderer.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void HubSpot_exports_headed_by_labels_and_by_internal_names_give_identical_numbers()
    {
        var labels = Run(Options(SyncSystem.HubSpot, "hubspot_contacts_labels.csv"));
        var internalNames = Run(Options(SyncSystem.HubSpot, "hubspot_contacts_internal.csv"));
        Assert.Equal(Numbers(labels), Numbers(internalNames));
        // Not vacuous: all four fields measured, and drift found on each.
        Assert.Equal((18, 2, 8), (labels.Drift.SampleSize, labels.Drift.MissingCount, labels.Drift.DriftedCount));
        Assert.All(labels.Drift.PerField, f => Assert.True(f.DriftedCount > 0, f.Field));
        Assert.Equal(["Loyalty Tier"], labels.UnownedCustomProperties);
        Assert.Equal(["loyalty_tier"], internalNames.UnownedCustomProperties);
        Assert.Contains(internalNames.Notes, n => n.Contains("headed by internal names (its id column is 'hs_object_id')", StringComparison.Ordinal));
    }

    [Fact]
    public void HubSpot_s_property_list_translates_a_label_that_was_renamed()
    {
        using var temp = new AuditFixture.TempDir();
        var renamed = temp.Write("contacts.csv", File.ReadAllText(Native("hubspot_contacts_labels.csv")).Replace(",Order Count,", ",Orders Placed,", StringComparison.Ordinal));
        var options = Options(SyncSystem.HubSpot, "hubspot_contacts_labels.csv") with { CrmProfilesPath = renamed };

        var refused = Assert.Throws<AuditInputException>(() => Run(options));
        Assert.Contains("missing column 'order_count'", refused.Message, StringComparison.Ordinal);

        var translated = Run(options with { CrmPropertiesPath = Native("hubspot_contact_properties.csv") });
        Assert.Equal(Numbers(Run(Options(SyncSystem.HubSpot, "hubspot_contacts_internal.csv"))), Numbers(translated));
        Assert.Contains(translated.Notes, n => n.Contains("'order_count' was read from the column headed by its label 'Orders Placed'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_preset_for_the_other_CRM_is_refused_naming_the_flag_to_use()
    {
        var refused = Assert.Throws<AuditInputException>(() => Run(Options(SyncSystem.Klaviyo, "klaviyo_native_profiles_export.csv", "hubspot-native")));
        Assert.Contains("--preset hubspot-native describes HubSpot's own integration, but --crm is klaviyo; use --crm hubspot", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HubSpot_native_preset_reads_HubSpot_s_deal_roll_ups_in_either_shape()
    {
        using var temp = new AuditFixture.TempDir();
        // HubSpot's integration writes orders as deals; the contact's roll-ups are HubSpot's own columns.
        var labels = temp.Write("labels.csv", "Record ID,Email,Phone Number,Total Revenue,Number of Associated Deals,Recent Deal Close Date\n" +
            "1,ava.rivera@example.com,,106.15,2,2026-11-20 15:15:30\n2,ben.rivera@example.com,,90.00,2,2026-11-20 15:15:30\n");
        var internalNames = temp.Write("internal.csv", "hs_object_id,email,phone,total_revenue,num_associated_deals,recent_deal_close_date\n" +
            "1,ava.rivera@example.com,,106.15,2,2026-11-20T15:15:30Z\n2,ben.rivera@example.com,,90.00,2,2026-11-20T15:15:30Z\n");
        var a = Run(Options(SyncSystem.HubSpot, "x", "hubspot-native") with { CrmProfilesPath = labels });
        var b = Run(Options(SyncSystem.HubSpot, "x", "hubspot-native") with { CrmProfilesPath = internalNames });
        Assert.Equal(Numbers(a), Numbers(b));
        Assert.Equal(1, a.Drift.PerField.Single(f => f.Field == "TotalSpent").DriftedCount); // Ben: 106.17 against 90.00
        Assert.Empty(a.UnownedCustomProperties);
        Assert.Empty(b.UnownedCustomProperties);
    }

    private static (long, long, long, long, string) Numbers(AuditReport r) =>
        (r.Drift.SampleSize, r.Drift.DriftedCount, r.Drift.MissingCount, r.Drift.UnreadableCount,
         string.Join(";", r.Drift.PerField.Select(f => $"{f.Field}={f.DriftedCount}")));

    private sealed record Expected(int Measured, int Missing, int Drifted, int SpentDrifted, int OrdersDrifted);

    /// <summary>
    /// The drift the audit must find, from the two files alone: matched by lower-cased email, by phone for Apple relay
    /// addresses; spend drifts beyond 0.01, orders beyond 1 (the topology's tolerances); an empty cell is 0.
    /// </summary>
    private static Expected Independently(string shopifyCustomers, string klaviyoProfiles)
    {
        static string Key(string email, string phone) =>
            email.EndsWith("@privaterelay.appleid.com", StringComparison.OrdinalIgnoreCase) ? phone.TrimStart('\'') : email.Trim().ToLowerInvariant();
        static decimal Number(string cell) => cell.Length == 0 ? 0 : decimal.Parse(cell, CultureInfo.InvariantCulture);

        var crm = new Dictionary<string, (decimal Spent, decimal Orders)>();
        foreach (var row in Rows(klaviyoProfiles))
            crm.TryAdd(Key(row["Email"], row["Phone Number"]), (Number(row["Historic Customer Lifetime Value"]), Number(row["Historic Number Of Orders"])));
        int measured = 0, missing = 0, drifted = 0, spent = 0, orders = 0;
        foreach (var row in Rows(shopifyCustomers))
        {
            measured++;
            if (!crm.TryGetValue(Key(row["Email"], row["Phone"]), out var held)) { missing++; drifted++; continue; }
            var spentOff = Math.Abs(Number(row["Total Spent"]) - held.Spent) > 0.01m;
            var ordersOff = Math.Abs(Number(row["Total Orders"]) - held.Orders) > 1m;
            if (spentOff) spent++;
            if (ordersOff) orders++;
            if (spentOff || ordersOff) drifted++;
        }
        return new Expected(measured, missing, drifted, spent, orders);
    }

    private static IEnumerable<Dictionary<string, string>> Rows(string path)
    {
        using var parser = new TextFieldParser(path) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        while (!parser.EndOfData)
        {
            var cells = parser.ReadFields()!;
            yield return header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i < cells.Length ? cells[x.i] : "");
        }
    }
}
