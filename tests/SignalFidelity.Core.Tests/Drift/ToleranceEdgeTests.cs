using SignalFidelity.Core.Drift;
using SignalFidelity.Core.Identity;
using SignalFidelity.Topology;

namespace SignalFidelity.Core.Tests.Drift;

/// <summary>
/// The edges of the default topology's tolerances, through the generated comparer and the drift engine:
/// exactly at the tolerance is a match, one step beyond is drift.
/// </summary>
public sealed class ToleranceEdgeTests
{
    private static readonly DateTimeOffset Last = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(-5));
    private static readonly Customer Shopify = new() { TotalSpent = 250.00m, OrderCount = 3, LastOrderDate = Last, PrimaryTag = "vip" };

    public static TheoryData<string, Customer, bool> Edges => new()
    {
        { "identical", Shopify, false },
        { "spend +0.01 (at tolerance)", Shopify with { TotalSpent = 250.01m }, false },
        { "spend -0.01 (at tolerance)", Shopify with { TotalSpent = 249.99m }, false },
        { "spend +0.011", Shopify with { TotalSpent = 250.011m }, true },
        { "spend +0.02", Shopify with { TotalSpent = 250.02m }, true },
        { "orders +1 (at tolerance)", Shopify with { OrderCount = 4 }, false },
        { "orders -1 (at tolerance)", Shopify with { OrderCount = 2 }, false },
        { "orders -2", Shopify with { OrderCount = 1 }, true },
        { "last order +24 h (at tolerance)", Shopify with { LastOrderDate = Last.AddHours(24) }, false },
        { "last order -24 h (at tolerance)", Shopify with { LastOrderDate = Last.AddHours(-24) }, false },
        { "last order +24 h + 1 s", Shopify with { LastOrderDate = Last.AddHours(24).AddSeconds(1) }, true },
        { "same instant, other offset", Shopify with { LastOrderDate = Last.ToUniversalTime() }, false },
        { "last order missing in CRM", Shopify with { LastOrderDate = null }, true },
        { "tag with spaces", Shopify with { PrimaryTag = " vip " }, false },
        { "tag other case", Shopify with { PrimaryTag = "VIP" }, true },
        { "tag missing", Shopify with { PrimaryTag = null }, true },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Edge(string name, Customer crm, bool drifts)
    {
        var key = new IdentityResolver().Resolve("edge@example.com", null);
        var result = new DriftEngine<Customer>(CustomerFidelityComparer.Instance, null, new DriftOptions { SampleSize = null })
            .Run([new SourceRecord<Customer>(key, crm, "crm", 0)], [new SourceRecord<Customer>(key, Shopify, name, 0)]);
        Assert.Equal(drifts ? 1 : 0, result.DriftedCount);
    }

    [Fact]
    public void No_order_on_either_side_is_a_match()
    {
        var none = Shopify with { LastOrderDate = null };
        Assert.False(CustomerFidelityComparer.Instance.Compare(none, none).IsDrifted);
    }
}
