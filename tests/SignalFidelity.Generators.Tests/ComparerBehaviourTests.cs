using SignalFidelity.Runtime;
using SignalFidelity.Topology;

namespace SignalFidelity.Generators.Tests;

/// <summary>Runs the generated fidelity comparer at the edge of each declared tolerance.</summary>
public sealed class ComparerBehaviourTests
{
    private static readonly CustomerFidelityComparer Comparer = CustomerFidelityComparer.Instance;

    private static readonly Customer Owner = new()
    {
        Email = "ana@example.com",
        TotalSpent = 100.00m,
        OrderCount = 5,
        LastOrderDate = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero),
        PrimaryTag = "vip",
    };

    private static int Bit(string field) => Comparer.FieldNames.ToList().IndexOf(field);

    [Fact]
    public void Field_names_are_the_fidelity_fields_in_declaration_order()
    {
        Assert.Equal(["TotalSpent", "OrderCount", "LastOrderDate", "PrimaryTag"], Comparer.FieldNames);
    }

    [Fact]
    public void Identical_snapshots_do_not_drift()
    {
        Assert.False(Comparer.Compare(Owner, Owner with { }).IsDrifted);
    }

    [Theory]
    [InlineData(23, false)]
    [InlineData(24, false)]
    [InlineData(25, true)]
    [InlineData(-25, true)]
    public void Last_order_date_tolerates_24_hours(int hoursLater, bool drifted)
    {
        var crm = Owner with { LastOrderDate = Owner.LastOrderDate!.Value.AddHours(hoursLater) };

        FidelityComparison result = Comparer.Compare(Owner, crm);

        Assert.Equal(drifted, result.HasDrifted(Bit("LastOrderDate")));
        Assert.Equal(drifted ? FieldSet.Of(Bit("LastOrderDate")) : FieldSet.Empty, result.Drifted);
    }

    [Fact]
    public void A_missing_last_order_date_drifts()
    {
        Assert.True(Comparer.Compare(Owner, Owner with { LastOrderDate = null }).HasDrifted(Bit("LastOrderDate")));
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(4, false)]
    [InlineData(7, true)]
    [InlineData(3, true)]
    public void Order_count_tolerates_one_order(int crmCount, bool drifted)
    {
        Assert.Equal(drifted, Comparer.Compare(Owner, Owner with { OrderCount = crmCount }).HasDrifted(Bit("OrderCount")));
    }

    [Theory]
    [InlineData("100.005", false)]
    [InlineData("99.995", false)]
    [InlineData("100.01", false)]
    [InlineData("100.02", true)]
    [InlineData("99.98", true)]
    public void Total_spent_tolerates_one_cent(string crmAmount, bool drifted)
    {
        var crm = Owner with { TotalSpent = decimal.Parse(crmAmount, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(drifted, Comparer.Compare(Owner, crm).HasDrifted(Bit("TotalSpent")));
    }

    [Theory]
    [InlineData("vip", " vip ", false)]
    [InlineData(null, "", false)]
    [InlineData(null, "   ", false)]
    [InlineData("vip", "VIP", true)]
    [InlineData("vip", "vip-lapsed", true)]
    [InlineData("vip", null, true)]
    public void Primary_tag_matches_exactly_after_trimming(string? owner, string? crm, bool drifted)
    {
        Assert.Equal(drifted, Comparer.Compare(Owner with { PrimaryTag = owner }, Owner with { PrimaryTag = crm }).HasDrifted(Bit("PrimaryTag")));
    }

    [Fact]
    public void Several_drifted_fields_set_several_bits()
    {
        var crm = Owner with { OrderCount = 1, PrimaryTag = "lapsed" };

        var result = Comparer.Compare(Owner, crm);

        Assert.Equal(FieldSet.Of(Bit("OrderCount"), Bit("PrimaryTag")), result.Drifted);
    }

    [Fact]
    public void Values_are_formatted_in_the_invariant_culture()
    {
        var record = Owner with { TotalSpent = 1234.5m };

        Assert.Equal("1234.5", Comparer.Format(record, Bit("TotalSpent")));
        Assert.Equal("5", Comparer.Format(record, Bit("OrderCount")));
        Assert.Equal("2026-11-20 12:00:00Z", Comparer.Format(record, Bit("LastOrderDate")));
        Assert.Equal("vip", Comparer.Format(record, Bit("PrimaryTag")));
        Assert.Null(Comparer.Format(record with { LastOrderDate = null }, Bit("LastOrderDate")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Comparer.Format(record, 4));
    }
}
