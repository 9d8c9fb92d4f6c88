using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Intake;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>
/// A Shopify customer read through GraphQL Admin, as topology facts: the generated reader takes every
/// Shopify-owned field at its <c>OwnedBy.Property</c> from the node the connector fetched with the topology's
/// generated selection (<see cref="CustomerTopology.AdminSelection"/>), so a field added to the topology is
/// carried by reconciliation and backfill with no code here.
/// </summary>
internal static class AdminCustomerFields
{
    /// <summary>The customer as the facts it carries, true as of its last change or last order (the end of that second).</summary>
    /// <exception cref="FormatException">A value Shopify answered cannot be converted to its property's type.</exception>
    public static CustomerFacts Facts(ShopifyCustomer customer)
    {
        var read = CustomerTopology.ReadAdmin(customer.Node);
        var asOf = customer.LastOrder is { } last && last.CreatedAt > customer.UpdatedAt ? last.CreatedAt : customer.UpdatedAt;
        // GraphQL Admin answers whole seconds, while a webhook of that same second is ordered inside it by
        // X-Shopify-Triggered-At (SourceTimeRules). A read shows the state at the end of the second it names, so it stands
        // there: at the bare second, the re-assert of a customer last changed through a webhook (reconciliation, the heal)
        // would be refused by the ledger as older than that webhook.
        if (asOf.UtcTicks % TimeSpan.TicksPerSecond == 0) asOf = asOf.AddTicks(TimeSpan.TicksPerSecond - 1);
        return new CustomerFacts(customer.Id, read.Snapshot, read.CarriedFields, asOf);
    }
}
