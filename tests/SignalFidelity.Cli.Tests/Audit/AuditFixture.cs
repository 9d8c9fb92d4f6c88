using SignalFidelity.Audit;

namespace SignalFidelity.Cli.Tests.Audit;

/// <summary>Paths of the hand-built 200-customer fixture (built by Fixtures/build_fixture.py).</summary>
internal static class AuditFixture
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Audit", "Fixtures");
    public static string ShopifyCustomers => Path.Combine(Dir, "shopify_customers.csv");
    public static string ShopifyOrders => Path.Combine(Dir, "shopify_orders.csv");
    public static string KlaviyoProfiles => Path.Combine(Dir, "klaviyo_profiles.csv");
    public static string Writers => Path.Combine(Dir, "writers.csv");

    public static AuditOptions Options(int? sample = 200) => new()
    {
        ShopifyCustomersPath = ShopifyCustomers,
        ShopifyOrdersPath = ShopifyOrders,
        Crm = SyncSystem.Klaviyo,
        CrmProfilesPath = KlaviyoProfiles,
        WritersPath = Writers,
        SampleSize = sample,
        Seed = 7,
        ShopCurrency = "USD",
        MaxExamples = 50,
    };

    /// <summary>A small store's exports in the vendors' full shapes (built by Fixtures/RealExports/build.py).</summary>
    public static class RealExports
    {
        public static string Dir => Path.Combine(AuditFixture.Dir, "RealExports");
        public static string ShopifyCustomers => Path.Combine(Dir, "customers_export.csv");
        public static string ShopifyOrders => Path.Combine(Dir, "orders_export_1.csv");
        public static string KlaviyoProfiles => Path.Combine(Dir, "klaviyo_profiles_export.csv");

        public static AuditOptions Options() => new()
        {
            ShopifyCustomersPath = ShopifyCustomers,
            ShopifyOrdersPath = ShopifyOrders,
            Crm = SyncSystem.Klaviyo,
            CrmProfilesPath = KlaviyoProfiles,
            SampleSize = null,
            Seed = 1,
            ShopCurrency = "USD",
        };
    }

    /// <summary>A scratch directory removed at dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sigfid-audit-test-").FullName;

        public string Write(string name, string content)
        {
            var file = System.IO.Path.Combine(Path, name);
            File.WriteAllText(file, content);
            return file;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
