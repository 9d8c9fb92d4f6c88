using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline.Destinations;

/// <summary>
/// Writes the CRM-owned primary tag back into the Shopify customer's tags (the topology's
/// Klaviyo -> Shopify flow), through the same outbox, ledger and single-writer rules as every write.
/// Shopify holds exactly one primary tag: the new one is added and the ones it replaced (carried by the
/// write from the ledger) are removed with <c>tagsRemove</c>.
/// </summary>
public sealed class ShopifyTagWriter(ShopifyClient shopify) : IDestinationWriter
{
    /// <inheritdoc />
    public SyncSystem Destination => SyncSystem.Shopify;

    /// <inheritdoc />
    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<ClaimedWrite> writes, bool bulk, CancellationToken cancellationToken)
    {
        var outcomes = new List<WriteOutcome>(writes.Count);
        foreach (var write in writes)
        {
            var tag = PatchValues.Text(write.Fields, "tags");
            // The primary tags this one replaced (A -> B removes A); staff tags were never the ledger's and stay.
            var replaced = FieldSet.SupersededOf(write.Fields, "tags")
                .Select(f => PatchValues.Text([f with { Property = "tags" }], "tags"))
                .OfType<string>()
                .Where(old => !string.IsNullOrWhiteSpace(old) && !string.Equals(old, tag, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (write.Operation == WriteOperation.Delete || (string.IsNullOrWhiteSpace(tag) && replaced.Count == 0))
            {
                outcomes.Add(new WriteOutcome(write.Id, WriteResult.Written)); // nothing to change; Shopify keeps its customer
                continue;
            }

            try
            {
                // Add before removing: a crash between the two leaves two tags for a moment, never none,
                // and the retry repeats both calls, which Shopify treats as no-ops when already done.
                if (!string.IsNullOrWhiteSpace(tag))
                {
                    await shopify.AddTagsAsync(write.CustomerKey, [tag], cancellationToken);
                }

                if (replaced.Count > 0)
                {
                    await shopify.RemoveTagsAsync(write.CustomerKey, replaced, cancellationToken);
                }

                outcomes.Add(new WriteOutcome(write.Id, WriteResult.Written));
            }
            catch (ConnectorException exception)
            {
                outcomes.Add(VendorFailure.Outcome(write.Id, exception, exception.Reason));
            }
        }

        return outcomes;
    }

    /// <inheritdoc />
    /// <remarks><c>{ shop { name } }</c>: one cost point, and the token must be valid for the shop.</remarks>
    public Task CheckCredentialsAsync(CancellationToken cancellationToken) => shopify.GetShopNameAsync(cancellationToken);
}
