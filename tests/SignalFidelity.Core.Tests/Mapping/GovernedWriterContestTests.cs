using SignalFidelity.Core.Mapping;
using SignalFidelity.Runtime;

namespace SignalFidelity.Core.Tests.Mapping;

/// <summary>The governed worker in an observed-writers inventory is the topology's own flows, never a contest by itself.</summary>
public sealed class GovernedWriterContestTests
{
    private static readonly TopologyManifest Manifest = SignalFidelity.Generated.GeneratedTopologyManifest.Instance;

    private static Dictionary<string, SortedSet<string>> Inventory(params (string Property, string Writer)[] rows) =>
        rows.GroupBy(r => r.Property).ToDictionary(g => g.Key, g => new SortedSet<string>(g.Select(r => r.Writer), StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void The_worker_alone_on_its_own_flows_contests_nothing()
    {
        var inventory = Inventory(("total_spent", GovernedWriter.UserAgent), ("order_count", "SignalFidelity"));
        Assert.Empty(FieldMappingReview.Contested(Manifest, SyncSystem.Klaviyo, inventory));
    }

    [Fact]
    public void Another_writer_beside_the_worker_is_a_contest_naming_the_topology_flow()
    {
        var inventory = Inventory(("total_spent", GovernedWriter.UserAgent), ("total_spent", "LoyaltyPoints/2.3"));
        var contest = Assert.Single(FieldMappingReview.Contested(Manifest, SyncSystem.Klaviyo, inventory));
        Assert.Equal("total_spent", contest.Property);
        Assert.Equal(["LoyaltyPoints/2.3", "Shopify via customer.TotalSpent (SignalFidelity)"], contest.Writers);
    }

    [Theory]
    [InlineData("SignalFidelity", true)]
    [InlineData("SignalFidelity/1.0 (topology-governed worker)", true)]
    [InlineData("signalfidelity/2.0", true)]
    [InlineData("SignalFidelityClone/1.0", false)]
    [InlineData("unknown client", false)]
    public void The_worker_is_known_by_its_product_token(string writer, bool governed) => Assert.Equal(governed, GovernedWriter.Is(writer));
}
