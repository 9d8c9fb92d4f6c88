using System.Globalization;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>
/// The reconciliation pull: customers updated in Shopify since the cursor are read and pushed through
/// the same ledger as webhooks, so a webhook that never arrived is caught. With no cursor it is the
/// backfill: every customer. Values equal in time to the accepted ones are written again (the CRM may
/// have drifted since), older ones are refused as always. Each customer's whole tag set is recorded too, so the
/// tag write-back knows the staff tags it must leave alone even when no tag delta ever arrived.
/// </summary>
public sealed class Reconciler(ShopifyClient shopify, IWorkerStore store, ITopologyRuntime topology)
{
    /// <summary>The cursor's name; its update time is the "last reconciliation" of the status.</summary>
    public const string CursorName = "reconciliation";

    /// <summary>Pulls customers updated since the cursor (all when <paramref name="full"/>); returns how many were read.</summary>
    public async Task<int> RunAsync(bool full, CancellationToken cancellationToken)
    {
        var cursor = full ? null : await store.GetCursorAsync(CursorName, cancellationToken);
        var (read, newest) = await PullAsync(cursor, cancellationToken);

        // The cursor is on Shopify's clock (the newest updated_at seen), never this machine's: the two may
        // disagree. A minute of overlap re-reads changes made while the pull ran; the ledger makes re-reads harmless.
        var next = newest == DateTimeOffset.MinValue
            ? cursor ?? "1970-01-01T00:00:00Z"
            : newest.AddMinutes(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await store.SetCursorAsync(CursorName, next, cancellationToken);
        return read;
    }

    /// <summary>
    /// Pulls customers updated since <paramref name="since"/> without moving the cursor: a gap (a lost webhook
    /// subscription) is filled while the regular pull keeps its place.
    /// </summary>
    public async Task<int> RunSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        (await PullAsync(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), cancellationToken)).Read;

    private async Task<(int Read, DateTimeOffset Newest)> PullAsync(string? cursor, CancellationToken cancellationToken)
    {
        var newest = DateTimeOffset.MinValue;
        var read = 0;
        var batch = new List<LedgerChange>(100);
        await foreach (var customer in ReadAsync(cursor, cancellationToken))
        {
            read++;
            newest = customer.UpdatedAt > newest ? customer.UpdatedAt : newest;
            batch.AddRange(OwnerChanges(customer));
            if (batch.Count >= 100)
            {
                await store.ProposeWritesAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await store.ProposeWritesAsync(batch, cancellationToken);
        }

        return (read, newest);
    }

    /// <summary>
    /// Re-reads each customer (GraphQL ids) from Shopify by id and queues Shopify's values again, as the pull does:
    /// the heal. Returns the ids Shopify no longer knows (deleted since), which nothing can be queued for.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReassertAsync(IReadOnlyList<string> customerGids, CancellationToken cancellationToken)
    {
        var gone = new List<string>();
        var batch = new List<LedgerChange>();
        foreach (var gid in customerGids)
        {
            if (await shopify.GetCustomerAsync(gid, cancellationToken) is { } customer) batch.AddRange(OwnerChanges(customer));
            else gone.Add(gid);
        }

        if (batch.Count > 0) await store.ProposeWritesAsync(batch, cancellationToken);
        return gone;
    }

    /// <summary>
    /// What one customer read from Shopify puts into the ledger: its whole tag set and, per destination, Shopify's
    /// values re-asserted (equal in time to the accepted ones is written again: the CRM may have drifted since).
    /// </summary>
    private IEnumerable<LedgerChange> OwnerChanges(ShopifyCustomer customer)
    {
        var facts = AdminCustomerFields.Facts(customer);
        // A tag change moves updatedAt, so the set is true as of it.
        yield return new TagObservation(customer.Id, TagChange.FullSet, customer.Tags, customer.UpdatedAt);
        foreach (var destination in topology.ShopifyDestinations)
        {
            if (topology.PlanWrite(facts, destination, reassertEqual: true) is { } write) yield return write;
        }
    }

    /// <summary>
    /// With a cursor, the customers updated since it, page by page. Without one (the backfill), one bulk
    /// operation: Shopify's own answer to "read every customer", a few cost points instead of thousands.
    /// </summary>
    private async IAsyncEnumerable<ShopifyCustomer> ReadAsync(string? cursor, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (cursor is not null)
        {
            await foreach (var customer in shopify.GetCustomersAsync($"updated_at:>'{cursor}'", pageSize: 100, cancellationToken: cancellationToken))
            {
                yield return customer;
            }

            yield break;
        }

        var id = await shopify.StartBulkCustomerExportAsync(includeOrders: false, cancellationToken);
        var operation = await shopify.WaitForBulkOperationAsync(id, TimeSpan.FromMilliseconds(250), cancellationToken);
        if (operation.Url is null)
        {
            yield break; // an empty shop has no result file
        }

        await foreach (var row in shopify.ReadBulkCustomersAsync(operation.Url, cancellationToken))
        {
            yield return row.Customer;
        }
    }
}
