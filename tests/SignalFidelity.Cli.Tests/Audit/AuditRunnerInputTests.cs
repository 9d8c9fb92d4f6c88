using SignalFidelity.Audit;
using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Volume;

namespace SignalFidelity.Cli.Tests.Audit;

/// <summary>The runner on small hand-written exports: HubSpot, volume, and inputs it must refuse.</summary>
public sealed class AuditRunnerInputTests
{
    private const string CustomersHeader = "Customer ID,First Name,Last Name,Email,Phone,Total Spent,Total Orders,Tags\n";
    private const string OrdersHeader = "Name,Email,Financial Status,Total,Created at,Lineitem name\n";

    private static AuditOptions Options(AuditFixture.TempDir temp, string customers, string orders, string profiles, SyncSystem crm = SyncSystem.Klaviyo, string? crmOrders = null) => new()
    {
        ShopifyCustomersPath = temp.Write("customers.csv", customers),
        ShopifyOrdersPath = temp.Write("orders.csv", orders),
        CrmProfilesPath = temp.Write("profiles.csv", profiles),
        CrmOrdersPath = crmOrders is null ? null : temp.Write("crm_orders.csv", crmOrders),
        Crm = crm,
        SampleSize = null,
        Seed = 1,
    };

    [Fact]
    public void HubSpot_export_is_read_under_the_topologys_HubSpot_names()
    {
        using var temp = new AuditFixture.TempDir();
        var report = DefaultTopologyAudit.CreateRunner().Run(Options(temp,
            CustomersHeader + "1,A,B,a@x.com,,10.00,1,vip\n2,C,D,c@x.com,,5.00,1,\n",
            OrdersHeader + "#1,a@x.com,paid,10.00,2026-11-01 10:00:00 -0500,Hat\n#2,c@x.com,paid,5.00,2026-11-02 10:00:00 -0500,Hat\n",
            // HubSpot's export: Record ID, its default properties under their labels, association columns, then custom properties.
            "Record ID,First Name,Last Name,Email,Phone Number,Contact owner,Associated Company IDs (Primary),Last Activity Date,Lead Status," +
            "Marketing contact status,Create Date,Lifecycle Stage,Became a Customer Date,total_spent,order_count,last_order_date,primary_tag,hs_legacy_score\n" +
            "101,A,B,a@x.com,,Dana Ortiz,,2026-11-01 10:00,,Marketing contact,2025-01-01 09:00,customer,2026-11-01 10:00,10.00,1,2026-11-01T15:00:00Z,vip,3\n" +
            "102,C,D,c@x.com,,,,,,Non-marketing contact,2025-01-01 09:00,customer,,7.00,1,2026-11-02T15:00:00Z,,1\n",
            SyncSystem.HubSpot));

        Assert.Equal(1, report.Drift.DriftedCount);
        Assert.Equal(["hs_legacy_score"], report.UnownedCustomProperties);
        // The topology declares the HubSpot flows itself: no fallback to the Klaviyo names, so no note about one.
        Assert.DoesNotContain(report.Notes, n => n.Contains("no flow of TotalSpent into HubSpot", StringComparison.Ordinal));
    }

    [Fact]
    public void The_identity_columns_can_be_mapped_too()
    {
        using var temp = new AuditFixture.TempDir();
        var options = Options(temp, CustomersHeader + "1,A,B,a@x.com,,10.00,1,\n", OrdersHeader,
            "Email Address,Mobile,total_spent,order_count,last_order_date,primary_tag\na@x.com,,10.00,1,,\n") with
        {
            CrmColumns = new Dictionary<string, string> { ["Email"] = "Email Address", ["phone"] = "Mobile" },
        };
        var report = DefaultTopologyAudit.CreateRunner().Run(options);
        Assert.Equal(0, report.Drift.DriftedCount);
        Assert.Empty(report.UnownedCustomProperties); // a column the user mapped is read, so it is not unowned
    }

    [Fact]
    public void Volume_counts_each_order_once_and_levels_the_days()
    {
        using var temp = new AuditFixture.TempDir();
        var orders = new System.Text.StringBuilder(OrdersHeader);
        var crmOrders = new System.Text.StringBuilder("Order ID,Timestamp\n");
        var number = 0;
        for (var day = 1; day <= 9; day++)
        {
            for (var i = 0; i < 100; i++)
            {
                number++;
                var at = $"2026-11-{day:00} 12:00:00 +0000";
                // Two line items per order: the second row must not count.
                orders.Append($"#{number},c{i}@x.com,paid,10.00,{at},Hat\n#{number},c{i}@x.com,,,{at},Scarf\n");
                var lost = day == 8 ? 20 : 1; // day 8 loses a fifth of its orders
                if (i >= lost) crmOrders.Append($"#{number},2026-11-{day:00}T12:00:00Z\n#{number},2026-11-{day:00}T12:00:00Z\n");
            }
        }
        var profiles = "Email,Phone Number,total_spent,order_count,last_order_date,primary_tag\nc0@x.com,,10.00,9,2026-11-09T12:00:00Z,\n";
        var report = DefaultTopologyAudit.CreateRunner().Run(Options(temp, CustomersHeader + "1,A,B,c0@x.com,,10.00,9,\n", orders.ToString(), profiles, crmOrders: crmOrders.ToString()));

        Assert.Equal(9, report.Volume.Count);
        Assert.All(report.Volume, d => Assert.Equal(100, d.Placed));
        Assert.Equal(99, report.Volume[0].Synced);
        Assert.Equal(VolumeLevel.Normal, report.Volume[6].Level);
        Assert.Equal(VolumeLevel.Alert, report.Volume[7].Level);
        Assert.Equal(VolumeLevel.Pending, report.Volume[8].Level); // the exports end that day
        Assert.Equal(0, report.Drift.DriftedCount);
    }

    [Fact]
    public void Each_order_name_counts_once_wherever_its_rows_are()
    {
        using var temp = new AuditFixture.TempDir();
        const string At = "2026-11-01 12:00:00 +0000";
        // Repeats that are not on consecutive rows, a leading zero (a different name), a custom name, a number
        // far from the others, and an order whose first row has an unreadable date but a later row a good one.
        var names = new[] { "#1", "#2", "#1", "#01", "A-7", "A-7", "#999999999999", "#2", "#4", "#999999999999", "#01" };
        var orders = new System.Text.StringBuilder(OrdersHeader);
        foreach (var name in names) orders.Append($"{name},c0@x.com,paid,10.00,{At},Hat\n");
        orders.Append("#3,c0@x.com,paid,10.00,soon,Hat\n#3,c0@x.com,paid,10.00," + At + ",Scarf\n#3,c0@x.com,paid,10.00," + At + ",Hat\n");
        var profiles = "Email,Phone Number,total_spent,order_count,last_order_date,primary_tag\nc0@x.com,,10.00,7,2026-11-01T12:00:00Z,\n";
        var report = DefaultTopologyAudit.CreateRunner().Run(Options(temp, CustomersHeader + "1,A,B,c0@x.com,,10.00,7,\n", orders.ToString(), profiles,
            crmOrders: "Order ID,Timestamp\n#1,2026-11-01T12:00:00Z\n"));

        // #1, #2, #01, A-7, #999999999999, #4, #3.
        Assert.Equal(7, report.Volume.Sum(d => d.Placed));
        Assert.Equal(1, report.MalformedRowCount);
    }

    [Fact]
    public void Unmatched_sample_is_a_clear_error()
    {
        using var temp = new AuditFixture.TempDir();
        var e = Assert.Throws<AuditInputException>(() => DefaultTopologyAudit.CreateRunner().Run(Options(temp,
            CustomersHeader + "1,A,B,a@x.com,,10.00,1,\n", OrdersHeader,
            "Email,Phone Number,total_spent,order_count,last_order_date,primary_tag\nz@x.com,,1,1,,\n")));
        Assert.Contains("None of the 1 sampled Shopify customers matched", e.Message);
    }

    [Fact]
    public void A_sample_that_matches_only_unreadable_rows_names_the_first_one()
    {
        using var temp = new AuditFixture.TempDir();
        var e = Assert.Throws<AuditInputException>(() => DefaultTopologyAudit.CreateRunner().Run(Options(temp,
            CustomersHeader + "1,A,B,a@x.com,,10.00,1,\n", OrdersHeader,
            "Email,Phone Number,total_spent,order_count,last_order_date,primary_tag\na@x.com,,10.00,one,,\n")));
        Assert.Contains("profiles.csv line 2", e.Message);
        Assert.Contains("order_count", e.Message);
    }

    [Fact]
    public void Empty_customer_export_is_a_clear_error()
    {
        using var temp = new AuditFixture.TempDir();
        var e = Assert.Throws<AuditInputException>(() => DefaultTopologyAudit.CreateRunner().Run(Options(temp,
            CustomersHeader, OrdersHeader, "Email,Phone Number,total_spent,order_count,last_order_date,primary_tag\n")));
        Assert.Contains("no customers", e.Message);
    }

    [Fact]
    public void Missing_shopify_column_names_file_and_column()
    {
        using var temp = new AuditFixture.TempDir();
        var e = Assert.Throws<AuditInputException>(() => DefaultTopologyAudit.CreateRunner().Run(Options(temp,
            "Customer ID,Email,Phone,Total Orders,Tags\n1,a@x.com,,1,\n", OrdersHeader,
            "Email,Phone Number,total_spent,order_count,last_order_date,primary_tag\n")));
        Assert.Contains("customers.csv", e.Message);
        Assert.Contains("'Total Spent'", e.Message);
    }

    [Fact]
    public void Ambiguous_money_is_a_malformed_row_not_a_misread_and_its_customer_is_unreadable()
    {
        using var temp = new AuditFixture.TempDir();
        var report = DefaultTopologyAudit.CreateRunner().Run(Options(temp,
            CustomersHeader + "1,A,B,a@x.com,,10.00,1,\n2,C,D,c@x.com,,10.00,1,\n", OrdersHeader,
            "Email,Phone Number,total_spent,order_count,last_order_date,primary_tag\na@x.com,,\"1,234\",1,,\nc@x.com,,10.00,1,,\n"));
        var row = Assert.Single(report.MalformedRows);
        Assert.Equal(2, row.Line);
        Assert.Contains("ambiguous", row.Problem);
        Assert.Contains("total_spent", row.Problem);
        // a@x.com has a CRM row that could not be read: unreadable (and drifted), never "no CRM record".
        Assert.Equal(0, report.Drift.MissingCount);
        Assert.Equal(1, report.Drift.UnreadableCount);
        Assert.Equal(1, report.Drift.DriftedCount);
        Assert.Equal("unreadable in the CRM (profiles.csv:2, column 'total_spent': '1,234' is ambiguous: ',' may group thousands or mark decimals; export plain amounts (1234.50))",
            Assert.Single(report.Drift.Unreadable).Reason);
    }

    [Fact]
    public void Missing_order_column_names_the_order_file()
    {
        using var temp = new AuditFixture.TempDir();
        var e = Assert.Throws<AuditInputException>(() => DefaultTopologyAudit.CreateRunner().Run(Options(temp,
            CustomersHeader + "1,A,B,a@x.com,,10.00,1,\n", "Name,Email,Total\n#1,a@x.com,10.00\n",
            "Email,Phone Number,total_spent,order_count,last_order_date,primary_tag\na@x.com,,10.00,1,,\n")));
        Assert.Contains("orders.csv", e.Message);
        Assert.Contains("'Created at'", e.Message);
    }

    [Fact]
    public void Orders_counted_once_give_the_last_order_date_across_orders()
    {
        using var temp = new AuditFixture.TempDir();
        var report = DefaultTopologyAudit.CreateRunner().Run(Options(temp,
            CustomersHeader + "1,A,B,a@x.com,,30.00,2,\n",
            OrdersHeader + "#2,A@X.com,paid,20.00,2026-11-20 10:00:00 -0500,Hat\n#2,a@x.com,,,2026-11-20 10:00:00 -0500,Scarf\n#1,a@x.com,paid,10.00,2026-11-01 10:00:00 -0500,Hat\n",
            "Email,Phone Number,total_spent,order_count,last_order_date,primary_tag\na@x.com,,30.00,2,2026-11-20T15:00:00Z,\n"));
        Assert.Equal(0, report.Drift.DriftedCount);
    }
}
