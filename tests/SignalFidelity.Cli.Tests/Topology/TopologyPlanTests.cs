using SignalFidelity.Audit.Topology;
using SignalFidelity.Generated;

namespace SignalFidelity.Cli.Tests.Topology;

/// <summary>`topology plan --from OLD --to NEW` on lock files that differ in each way a reviewer cares about.</summary>
public sealed class TopologyPlanTests
{
    private static readonly TopologyLock Current = TopologyLock.From(GeneratedTopologyManifest.Instance);

    private static LockEntity Customer => Current.Entities.Single();

    [Fact]
    public void Identical_lock_files_plan_no_changes()
    {
        string plan = Plan(Current, Current);

        Assert.Contains("No changes.", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void An_added_field_is_planned_with_its_owner_and_approvers()
    {
        var field = new LockField("LoyaltyTier", "string?", "Klaviyo", "loyalty_tier", "Loyalty runs in Klaviyo", [], false, null);

        string plan = Plan(Current, WithFields(Customer.Fields.Append(field)));

        Assert.Contains("  + field customer.LoyaltyTier: owned by Klaviyo, flows nowhere", plan, StringComparison.Ordinal);
        Assert.Contains("Plan: 1 to add, 0 to change, 0 to remove.", plan, StringComparison.Ordinal);
        Assert.Contains("Approval required from: Dana Ortiz @dana-ortiz (owner) or Lee Park @lee-park (backup).", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_field_is_planned()
    {
        string plan = Plan(Current, WithFields(Customer.Fields.Where(f => f.Name != "NpsScore")));

        Assert.Contains("  - field customer.NpsScore: was owned by Klaviyo, flows nowhere", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void A_re_owned_field_is_planned()
    {
        string plan = Plan(Current, WithField("PrimaryTag", f => f with { Owner = "Shopify" }));

        Assert.Contains("  ~ field customer.PrimaryTag: re-owned Klaviyo -> Shopify", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_flow_is_planned()
    {
        string plan = Plan(Current, WithField("TotalSpent", f => f with { Flows = [.. f.Flows.Where(x => x.To != "HubSpot"), new LockFlow("HubSpot", "total_revenue")] }));

        Assert.Contains("  ~ field customer.TotalSpent: flows to Klaviyo.total_spent, HubSpot.total_spent -> flows to Klaviyo.total_spent, HubSpot.total_revenue", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_tolerance_is_planned()
    {
        string plan = Plan(Current, WithField("LastOrderDate", f => f with { Tolerance = new LockTolerance(48, 0, 0) }));

        Assert.Contains("  ~ field customer.LastOrderDate: tolerance 24 hours -> 48 hours", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void Consumers_added_removed_and_replaced_are_planned()
    {
        var consumers = Current.Consumers
            .Where(c => !(c.Topic == "orders/fulfilled" && c.Writes == "Klaviyo"))
            .Select(c => c.Topic == "orders/create" && c.Writes == "Klaviyo" ? c with { Type = "SignalFidelity.Topology.NewOrderProjection" } : c)
            .Append(new LockConsumer("orders/paid", "HubSpot", "SignalFidelity.Topology.HubSpotPaidProjection"))
            .ToList();

        string plan = Plan(Current, Current with { Consumers = consumers });

        Assert.Contains("  + consumer orders/paid -> HubSpot: handled by SignalFidelity.Topology.HubSpotPaidProjection", plan, StringComparison.Ordinal);
        Assert.Contains("  - consumer orders/fulfilled -> Klaviyo: was handled by SignalFidelity.Topology.KlaviyoOrderFulfilledProjection", plan, StringComparison.Ordinal);
        Assert.Contains("  ~ consumer orders/create -> Klaviyo: handler SignalFidelity.Topology.KlaviyoOrderCreatedProjection -> SignalFidelity.Topology.NewOrderProjection", plan, StringComparison.Ordinal);
        Assert.Contains("Plan: 1 to add, 1 to change, 1 to remove.", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vendor_api_upgrade_and_an_identity_change_are_planned()
    {
        var vendors = Current.VendorApis.Select(v => v.System == "Shopify" ? v with { Version = "2026-10" } : v).ToList();

        string plan = Plan(Current, Current with { VendorApis = vendors, Entities = [Customer with { Identity = "CanonicalEmail" }] });

        Assert.Contains("  ~ vendor API Shopify: 2026-04 -> 2026-10", plan, StringComparison.Ordinal);
        Assert.Contains("  ~ entity customer: identity CanonicalEmailThenPhone -> CanonicalEmail", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_topology_owner_needs_the_old_and_the_new_owner()
    {
        var owner = Current.Owner! with { Name = "Sam Lee", GitHub = "@sam-lee" };

        string plan = Plan(Current, Current with { Owner = owner });

        Assert.Contains("  ~ owner:", plan, StringComparison.Ordinal);
        Assert.Contains("Sam Lee @sam-lee (owner)", plan, StringComparison.Ordinal);
        Assert.Contains("Dana Ortiz @dana-ortiz (owner)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_lock_file_is_named_with_the_fix()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("old.json"), "{ not json");
        File.WriteAllText(folder.File("new.json"), Current.ToJson());

        var (exitCode, _, error) = CliRun.Topology("plan", "--from", folder.File("old.json"), "--to", folder.File("new.json"));

        Assert.Equal(2, exitCode);
        Assert.Contains("old.json is not a topology lock file", error, StringComparison.Ordinal);
        Assert.Contains("sigfid topology lock", error, StringComparison.Ordinal);
    }

    private static TopologyLock WithFields(IEnumerable<LockField> fields) =>
        Current with { Entities = [Customer with { Fields = fields.ToList() }] };

    private static TopologyLock WithField(string name, Func<LockField, LockField> change) =>
        WithFields(Customer.Fields.Select(f => f.Name == name ? change(f) : f));

    /// <summary>Writes both lock files and runs the verb as a user would.</summary>
    private static string Plan(TopologyLock from, TopologyLock to)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("old.lock.json"), from.ToJson());
        File.WriteAllText(folder.File("new.lock.json"), to.ToJson());

        var (exitCode, output, error) = CliRun.Topology("plan", "--from", folder.File("old.lock.json"), "--to", folder.File("new.lock.json"));

        Assert.True(exitCode == 0, error);
        return output;
    }
}
