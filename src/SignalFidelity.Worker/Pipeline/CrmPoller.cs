using System.Globalization;
using System.Text.Json.Nodes;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Core.Csv;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>
/// The CRM-owned fields flowing back: Klaviyo profiles updated since the cursor are read, and the values of
/// the fields the topology says Klaviyo owns and sends to Shopify (read from the manifest: each field's
/// <c>OwnedBy.Property</c>, converted by its type) are proposed for Shopify through the generated mapper
/// dispatch and the same ledger (a poll that lags behind a newer value cannot undo it). The value it replaces
/// travels with the write so Shopify ends with one primary tag, not every tag the CRM ever chose.
/// </summary>
public sealed class CrmPoller(KlaviyoClient klaviyo, IWorkerStore store, GeneratedTopologyRuntime topology)
{
    private const SyncSystem Crm = SyncSystem.Klaviyo;

    // The fields this CRM owns that flow into Shopify: (index in the manifest, Klaviyo property name).
    private static readonly (int Field, string Property)[] FlowingBack = CustomerManifest.Entity.Fields
        .Select((f, i) => (Field: f, Index: i))
        .Where(x => x.Field.Owner == Crm && x.Field.OwnerProperty is not null && x.Field.Flows.Any(flow => flow.Destination == SyncSystem.Shopify))
        .Select(x => (x.Index, x.Field.OwnerProperty!))
        .ToArray();

    private readonly IRecordBuilder<Customer> _values = CustomerTopology.CreateBuilder();
    private readonly CellValueReader _cells = new(new MoneyParser());

    /// <summary>The cursor's name.</summary>
    public const string CursorName = "klaviyo-poll";

    /// <summary>Polls once; returns how many primary tags were proposed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var newest = DateTimeOffset.MinValue;
        var cursor = await store.GetCursorAsync(CursorName, cancellationToken);
        var filter = cursor is null ? null : $"greater-than(updated,{cursor})";
        var writes = new List<ProposedWrite>();
        await foreach (var profile in klaviyo.GetProfilesAsync(filter, pageSize: 100, cancellationToken: cancellationToken))
        {
            var attributes = profile.Attributes;
            newest = attributes.Updated is { } seen && seen > newest ? seen : newest;
            // Only profiles the worker has written carry the Shopify customer id; others are not (yet) linked.
            if (attributes.ExternalId is not { } customerKey || !customerKey.StartsWith("gid://shopify/Customer/", StringComparison.Ordinal))
            {
                continue;
            }

            if (Snapshot(attributes.Properties) is not { } snapshot)
            {
                continue;
            }

            var updated = attributes.Updated ?? DateTimeOffset.UnixEpoch;
            if (topology.PlanWriteBack(customerKey, Crm, snapshot, updated) is { } write)
            {
                writes.Add(write with { OnlyChanges = true, ReplacesPrevious = true });
            }
        }

        if (writes.Count > 0)
        {
            await store.ProposeWritesAsync(writes, cancellationToken);
        }

        // On Klaviyo's clock (the newest profile update seen), with a minute of overlap the ledger makes harmless.
        if (newest != DateTimeOffset.MinValue)
        {
            await store.SetCursorAsync(CursorName, newest.AddMinutes(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), cancellationToken);
        }
        return writes.Count;
    }

    /// <summary>The CRM-owned values a profile holds, or null when it holds none (nothing to send back).</summary>
    private Customer? Snapshot(JsonObject? properties)
    {
        _values.Reset();
        var any = false;
        foreach (var (field, property) in FlowingBack)
        {
            // Klaviyo holds custom properties as JSON values; a value that does not read as the field's type is skipped, not guessed.
            if (properties?[property] is JsonValue value && value.ToString() is { Length: > 0 } text && _cells.TrySet(_values, field, text) is null)
            {
                any = true;
            }
        }

        return any ? _values.Build() : null;
    }
}
