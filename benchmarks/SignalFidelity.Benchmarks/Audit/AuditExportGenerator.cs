using System.Globalization;
using System.Text;

namespace SignalFidelity.Benchmarks.Audit;

/// <summary>
/// Writes a Shopify customer export, order export and Klaviyo profile export of <c>count</c> customers,
/// about 5% drifted, streaming (a million rows never sit in memory). Deterministic for a count.
/// </summary>
internal static class AuditExportGenerator
{
    public static void Write(string directory, int count)
    {
        Directory.CreateDirectory(directory);
        var start = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);
        using var customers = Open(Path.Combine(directory, "shopify_customers.csv"));
        using var orders = Open(Path.Combine(directory, "shopify_orders.csv"));
        using var profiles = Open(Path.Combine(directory, "klaviyo_profiles.csv"));
        customers.Write("Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Phone,Total Spent,Total Orders,Tags\n");
        orders.Write("Name,Email,Financial Status,Total,Created at,Lineitem name\n");
        profiles.Write("Email,Phone Number,First Name,Last Name,total_spent,order_count,last_order_date,primary_tag,loyalty_points\n");
        var tags = new[] { "vip", "winback", "new", "" };
        var orderNumber = 1000;
        for (var i = 0; i < count; i++)
        {
            var email = (i % 10) switch
            {
                0 => $"first.last{i}@gmail.com",
                1 => $"Shopper{i}+shop@Outlook.com",
                _ => $"customer{i}@example.com",
            };
            var crmEmail = (i % 10) switch
            {
                0 => $"firstlast{i}@gmail.com",
                1 => $"shopper{i}@outlook.com",
                _ => email,
            };
            var spent = (i % 997) * 3 + (i % 100) / 100m;
            var orderCount = 1 + i % 3;
            var last = start.AddMinutes(i % 100_000);
            var tag = tags[i % 4];
            var s = spent.ToString("0.00", CultureInfo.InvariantCulture);
            customers.Write($"{7_000_000_000L + i},Pat,Doe,{email},yes,,{s},{orderCount},{(tag.Length > 0 ? "\"" + tag + ", newsletter\"" : "newsletter")}\n");
            for (var k = 0; k < orderCount; k++)
            {
                orderNumber++;
                var at = last.AddDays(-30 * (orderCount - 1 - k)).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(23, 1); // Shopify writes -0500, not -05:00
                orders.Write($"#{orderNumber},{email},paid,10.00,{at},Hat\n");
            }
            // About 5% drift: one customer in 20 has a stale spend in the CRM; one in 200 is missing.
            if (i % 200 == 7) continue;
            var crmSpent = i % 20 == 3 ? (spent + 5m).ToString("0.00", CultureInfo.InvariantCulture) : s;
            profiles.Write($"{crmEmail},,Pat,Doe,{crmSpent},{orderCount},{last.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{tag},{i % 50}\n");
        }
    }

    private static StreamWriter Open(string path) => new(path, false, new UTF8Encoding(false), 1 << 16);
}
