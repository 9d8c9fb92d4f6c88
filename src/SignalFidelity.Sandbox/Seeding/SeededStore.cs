using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Sandbox.Seeding;

/// <summary>A generated store: customers (with their Klaviyo segment tag) and orders in time order.</summary>
public sealed record SeededStore(
    StoreScenario Scenario,
    IReadOnlyList<ShopifyCustomerRecord> Customers,
    IReadOnlyList<ShopifyOrderRecord> Orders,
    IReadOnlyDictionary<long, string> SegmentTags)
{
    /// <summary>Loads customers and orders into the simulated shop.</summary>
    public void LoadInto(ShopifyStore store)
    {
        foreach (var c in Customers) store.AddCustomer(c);
        foreach (var o in Orders) store.AddOrder(o);
    }
}
