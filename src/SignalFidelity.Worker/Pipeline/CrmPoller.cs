using System.Globalization;
using System.Text.Json.Nodes;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>
/// The CRM-owned fields flowing back: Klaviyo profiles updated since the cursor are read, and their
/// primary tag is proposed for Shopify through the generated Klaviyo -> Shopify mapper and the same
/// ledger (a poll that lags behind a newer tag cannot undo it). The tag it replaces travels with the write
/// so Shopify ends with one primary tag, not every tag the CRM ever chose.
/// </summary>
public sealed class CrmPoller(KlaviyoClient klaviyo, IWorkerStore store, GeneratedTopologyRuntime topology)
{
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

            if (attributes.Properties?["primary_tag"] is not JsonValue tagValue || !tagValue.TryGetValue<string>(out var tag))
            {
                continue;
            }

            var updated = attributes.Updated ?? DateTimeOffset.UnixEpoch;
            if (topology.PlanWriteBack(customerKey, new Customer { PrimaryTag = tag }, updated) is { } write)
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
}
