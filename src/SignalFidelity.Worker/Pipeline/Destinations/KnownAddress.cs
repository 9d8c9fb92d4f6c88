using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline.Destinations;

/// <summary>
/// The email and phone a destination record is addressed by: the write's own fields, else what the ledger
/// holds for that destination, else what Shopify holds now. Never a guess, so no orphan record is created.
/// </summary>
internal static class KnownAddress
{
    public static async Task<(string? Email, string? Phone)> ResolveAsync(
        ClaimedWrite write, string emailProperty, string phoneProperty, IWorkerStore store, ShopifyClient? shopify, CancellationToken cancellationToken)
    {
        var email = PatchValues.Text(write.Fields, emailProperty);
        var phone = PatchValues.Text(write.Fields, phoneProperty);
        if (email is null && phone is null)
        {
            var ledger = await store.GetLedgerAsync(write.CustomerKey, write.Destination, cancellationToken);
            email = PatchValues.Text(ledger, emailProperty);
            phone = PatchValues.Text(ledger, phoneProperty);
        }

        if (email is null && phone is null && shopify is not null)
        {
            var customer = await shopify.GetCustomerAsync(write.CustomerKey, cancellationToken);
            (email, phone) = (customer?.Email, customer?.Phone);
        }

        return (email, phone);
    }
}
