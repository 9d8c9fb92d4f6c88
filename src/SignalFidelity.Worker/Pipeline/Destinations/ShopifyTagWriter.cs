using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline.Destinations;

/// <summary>
/// Writes the CRM-owned values the topology sends back to Shopify (its <see cref="CustomerManifest.ShopifyWriteBackProperties"/>:
/// the primary tag) into the Shopify customer's tags, through the same outbox, ledger and single-writer rules as every
/// write. Shopify holds the topology's current tag and every tag staff or other apps gave the customer: the ledger's
/// copy of the customer's tag set (kept from Shopify's tag deltas, customers/* bodies and reconciliation) decides.
/// <list type="bullet">
/// <item>The new tag is added unless Shopify already has it, or staff removed it after the CRM chose it (the newest
/// source time wins per tag, as for every field).</item>
/// <item>A tag it replaced is removed only when the write-back put it there: a staff tag with the same name stays.</item>
/// </list>
/// Merges and deletes are Shopify's own doing: nothing to write back for them.
/// </summary>
public sealed class ShopifyTagWriter(ShopifyClient shopify, IWorkerStore store) : IDestinationWriter
{
    /// <inheritdoc />
    public SyncSystem Destination => SyncSystem.Shopify;

    /// <inheritdoc />
    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<ClaimedWrite> writes, bool bulk, CancellationToken cancellationToken)
    {
        var outcomes = new List<WriteOutcome>(writes.Count);
        foreach (var write in writes)
        {
            if (write.Operation != WriteOperation.Upsert)
            {
                outcomes.Add(new WriteOutcome(write.Id, WriteResult.Written)); // nothing to change; Shopify keeps its customer
                continue;
            }

            try
            {
                await WriteTagsAsync(write, cancellationToken);
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

    private async Task WriteTagsAsync(ClaimedWrite write, CancellationToken cancellationToken)
    {
        var known = (await store.GetTagsAsync(write.CustomerKey, cancellationToken)).ToDictionary(t => Key(t.Tag), StringComparer.Ordinal);
        var add = new List<string>();
        var remove = new List<string>();
        foreach (var property in CustomerManifest.ShopifyWriteBackProperties)
        {
            var chosen = write.Fields.FirstOrDefault(f => f.Property == property) is { } field && PatchValues.Text([field], property) is { } text
                && !string.IsNullOrWhiteSpace(text) ? (Tag: text.Trim(), field.SourceTimestamp) : ((string Tag, DateTimeOffset SourceTimestamp)?)null;
            if (chosen is { } tag && ShouldAdd(known.GetValueOrDefault(Key(tag.Tag)), tag.SourceTimestamp))
            {
                add.Add(tag.Tag);
            }

            // The tags this one replaced (A -> B removes A), when they are still there and are the write-back's own.
            remove.AddRange(FieldSet.SupersededOf(write.Fields, property)
                .Select(f => PatchValues.Text([f with { Property = property }], property)?.Trim())
                .OfType<string>()
                .Where(old => old.Length > 0 && !string.Equals(old, chosen?.Tag, StringComparison.OrdinalIgnoreCase) && IsOwnAndPresent(known.GetValueOrDefault(Key(old)))));
        }

        remove = remove.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var at = write.Fields.Where(FieldSet.IsValue).Select(f => f.SourceTimestamp).DefaultIfEmpty(write.CreatedAt).Max();
        // Add before removing: a crash between the two leaves two tags for a moment, never none, and the retry
        // repeats both calls, which Shopify treats as no-ops when already done.
        if (add.Count > 0)
        {
            await shopify.AddTagsAsync(write.CustomerKey, add, cancellationToken);
            await store.ProposeWritesAsync([new TagObservation(write.CustomerKey, TagChange.Placed, add, at)], cancellationToken);
        }

        if (remove.Count > 0)
        {
            await shopify.RemoveTagsAsync(write.CustomerKey, remove, cancellationToken);
            await store.ProposeWritesAsync([new TagObservation(write.CustomerKey, TagChange.Withdrawn, remove, at)], cancellationToken);
        }
    }

    /// <summary>Shopify compares tags ignoring case and surrounding blanks, and so does the tag set.</summary>
    private static string Key(string tag) => tag.Trim().ToLowerInvariant();

    /// <summary>Shopify lacks the tag, and no removal newer than the CRM's choice says staff took it off.</summary>
    private static bool ShouldAdd(CustomerTag? known, DateTimeOffset chosenAt) =>
        known is null || (!known.Present && known.SourceTimestamp <= chosenAt);

    /// <summary>
    /// A tag the write-back placed and Shopify still has. A tag the tag set never saw was placed before the tag set was
    /// kept (it is the ledger's earlier value and nobody else was seen adding it), so it is the write-back's too.
    /// </summary>
    private static bool IsOwnAndPresent(CustomerTag? known) => known is null || (known.Present && known.PlacedByWriteBack);
}
