using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline.Destinations;

/// <summary>
/// Writes the CRM-owned primary tag back into the Shopify customer's tags (the topology's
/// Klaviyo -> Shopify flow), through the same outbox, ledger and single-writer rules as every write.
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
            if (write.Operation == WriteOperation.Delete || string.IsNullOrWhiteSpace(tag))
            {
                outcomes.Add(new WriteOutcome(write.Id, WriteResult.Written)); // nothing to add; Shopify keeps its customer
                continue;
            }

            try
            {
                await shopify.AddTagsAsync(write.CustomerKey, [tag], cancellationToken);
                outcomes.Add(new WriteOutcome(write.Id, WriteResult.Written));
            }
            catch (ConnectorException exception)
            {
                outcomes.Add(new WriteOutcome(
                    write.Id,
                    exception.StatusCode == 429 ? WriteResult.Throttled : exception.StatusCode is >= 400 and < 500 ? WriteResult.Rejected : WriteResult.Failed,
                    exception.Reason));
            }
        }

        return outcomes;
    }

    /// <inheritdoc />
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await shopify.CountOrdersAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1), cancellationToken);
            return true;
        }
        catch (ConnectorException exception)
        {
            return exception.StatusCode is not null;
        }
    }
}
