using System.Globalization;
using SignalFidelity.Core.Csv;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Pipeline.ChangeFeeds;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>
/// The CRM-owned fields flowing back into Shopify. From the manifest: every CRM that owns a field flowing to
/// Shopify is polled through its change feed for the properties it owns (<c>OwnedBy.Property</c>), and the values,
/// converted by each field's type, are proposed for Shopify through the generated mapper dispatch and the same
/// ledger (a poll that lags behind a newer value cannot undo it). The value a write replaces travels with it, so
/// Shopify ends with one primary tag, not every tag the CRM ever chose. Moving a field's owner in the topology
/// moves the poll with it.
/// </summary>
public sealed class CrmPoller
{
    private readonly IWorkerStore _store;
    private readonly GeneratedTopologyRuntime _topology;
    private readonly List<(ICrmChangeFeed Feed, (int Field, string Property)[] Fields)> _polled;
    private readonly IRecordBuilder<Customer> _values = CustomerTopology.CreateBuilder();
    private readonly CellValueReader _cells = new(new MoneyParser());

    public CrmPoller(IEnumerable<ICrmChangeFeed> feeds, IWorkerStore store, GeneratedTopologyRuntime topology)
    {
        _store = store;
        _topology = topology;
        var byCrm = feeds.ToDictionary(f => f.Crm);
        _polled = FlowingBack()
            .GroupBy(x => x.Owner)
            .Where(g => byCrm.ContainsKey(g.Key))
            .Select(g => (byCrm[g.Key], g.Select(x => (x.Field, x.Property)).ToArray()))
            .ToList();
    }

    /// <summary>The CRMs this worker polls: those that own a field flowing into Shopify and are connected.</summary>
    public IReadOnlyList<SyncSystem> Polled => _polled.Select(p => p.Feed.Crm).ToList();

    /// <summary>The cursor of one CRM's poll, on that CRM's clock.</summary>
    public static string CursorName(SyncSystem crm) => crm.ToString().ToLowerInvariant() + "-poll";

    /// <summary>Polls every CRM once; returns how many write-backs were proposed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var proposed = 0;
        foreach (var (feed, fields) in _polled)
        {
            proposed += await PollAsync(feed, fields, cancellationToken);
        }

        return proposed;
    }

    // Fields owned by a system other than Shopify, naming the property they are held in, that flow into Shopify.
    private static IEnumerable<(SyncSystem Owner, int Field, string Property)> FlowingBack() => CustomerManifest.Entity.Fields
        .Select((f, i) => (Field: f, Index: i))
        .Where(x => x.Field.Owner != SyncSystem.Shopify && x.Field.OwnerProperty is not null && x.Field.Flows.Any(flow => flow.Destination == SyncSystem.Shopify))
        .Select(x => (x.Field.Owner, x.Index, x.Field.OwnerProperty!));

    private async Task<int> PollAsync(ICrmChangeFeed feed, (int Field, string Property)[] fields, CancellationToken cancellationToken)
    {
        var cursorName = CursorName(feed.Crm);
        var cursor = await _store.GetCursorAsync(cursorName, cancellationToken);
        DateTimeOffset? since = cursor is null ? null : DateTimeOffset.Parse(cursor, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var newest = DateTimeOffset.MinValue;
        var writes = new List<ProposedWrite>();
        var properties = fields.Select(f => f.Property).Distinct(StringComparer.Ordinal).ToList();
        await foreach (var change in feed.ChangedSinceAsync(since, properties, cancellationToken))
        {
            newest = change.Updated > newest ? change.Updated : newest;
            // Only records the worker has written name their Shopify customer; others are not (yet) linked.
            if (change.CustomerKey is not { } customerKey || Snapshot(fields, change.Values) is not { } snapshot)
            {
                continue;
            }

            if (_topology.PlanWriteBack(customerKey, feed.Crm, snapshot, change.Updated) is { } write)
            {
                writes.Add(write with { OnlyChanges = true, ReplacesPrevious = true });
            }
        }

        if (writes.Count > 0)
        {
            await _store.ProposeWritesAsync(writes, cancellationToken);
        }

        // On the CRM's clock (the newest change seen), with a minute of overlap the ledger makes harmless.
        if (newest != DateTimeOffset.MinValue)
        {
            await _store.SetCursorAsync(cursorName, newest.AddMinutes(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), cancellationToken);
        }

        return writes.Count;
    }

    /// <summary>The CRM-owned values a record holds, or null when it holds none (nothing to send back).</summary>
    private Customer? Snapshot((int Field, string Property)[] fields, IReadOnlyDictionary<string, string> values)
    {
        _values.Reset();
        var any = false;
        foreach (var (field, property) in fields)
        {
            // A value that does not read as the field's type is skipped, not guessed.
            if (values.TryGetValue(property, out var text) && _cells.TrySet(_values, field, text) is null)
            {
                any = true;
            }
        }

        return any ? _values.Build() : null;
    }
}
