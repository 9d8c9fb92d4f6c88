using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Intake;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>
/// A Shopify customer read through GraphQL Admin, as topology facts: every Shopify-owned field whose
/// <c>OwnedBy.Property</c> names a field the connector's customer query selects is set through the generated
/// record builder and carried. The table below is Shopify's (GraphQL Admin field -> value), not the topology's:
/// a topology field on an Admin field the query does not select yet is not carried by reconciliation (its
/// webhooks still carry it); generating the query's selection from the topology closes that gap.
/// </summary>
internal static class AdminCustomerFields
{
    private static readonly Dictionary<string, Func<ShopifyCustomer, object?>> Selected = new(StringComparer.Ordinal)
    {
        ["email"] = c => c.Email,
        ["phone"] = c => c.Phone,
        ["firstName"] = c => c.FirstName,
        ["lastName"] = c => c.LastName,
        ["amountSpent"] = c => c.TotalSpent,
        ["amountSpent.amount"] = c => c.TotalSpent,
        ["numberOfOrders"] = c => c.OrderCount,
        ["lastOrder.createdAt"] = c => c.LastOrder?.CreatedAt,
        ["lastOrder.displayFinancialStatus"] = c => c.LastOrder?.DisplayFinancialStatus,
    };

    // (index in the manifest, reader) for every Shopify-owned field the query selects.
    private static readonly (int Field, string Name, Func<ShopifyCustomer, object?> Read)[] Readable = CustomerManifest.Entity.Fields
        .Select((f, i) => (Field: f, Index: i))
        .Where(x => x.Field.Owner == SyncSystem.Shopify && x.Field.OwnerProperty is { } p && Selected.ContainsKey(p))
        .Select(x => (x.Index, x.Field.Name, Selected[x.Field.OwnerProperty!]))
        .ToArray();

    private static readonly string[] Carried = Readable.Select(r => r.Name).ToArray();

    /// <summary>The customer as the facts it carries, true as of its last change or last order.</summary>
    public static CustomerFacts Facts(ShopifyCustomer customer, IRecordBuilder<Customer> builder)
    {
        builder.Reset();
        foreach (var (field, _, read) in Readable)
        {
            Set(builder, field, read(customer));
        }

        var asOf = customer.LastOrder is { } last && last.CreatedAt > customer.UpdatedAt ? last.CreatedAt : customer.UpdatedAt;
        return new CustomerFacts(customer.Id, builder.Build(), Carried, asOf);
    }

    private static void Set(IRecordBuilder<Customer> builder, int field, object? value)
    {
        switch (value)
        {
            case null: return; // the builder's default: null, or zero for a value type
            case string text: builder.SetString(field, text); return;
            case decimal amount: builder.SetDecimal(field, amount); return;
            case long whole: builder.SetInteger(field, whole); return;
            case DateTimeOffset at: builder.SetTimestamp(field, at); return;
            default: throw new InvalidOperationException($"Admin value of type {value.GetType().Name} for field {field} has no setter");
        }
    }
}
