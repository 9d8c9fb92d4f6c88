namespace SignalFidelity.Worker.Pipeline.ChangeFeeds;

/// <summary>
/// One CRM's records changed since a cursor, with the values of the properties asked for. Each vendor's feed
/// declares the system it reads, and the poller picks it by the topology's owners: no list of CRMs anywhere else.
/// </summary>
public interface ICrmChangeFeed
{
    /// <summary>The CRM this feed reads.</summary>
    SyncSystem Crm { get; }

    /// <summary>
    /// The records changed after <paramref name="since"/> (all when null), oldest first where the vendor can sort, with the
    /// values of <paramref name="properties"/> as the vendor holds them (text; absent when unset).
    /// </summary>
    IAsyncEnumerable<CrmRecordChange> ChangedSinceAsync(DateTimeOffset? since, IReadOnlyList<string> properties, CancellationToken cancellationToken);
}

/// <summary>
/// A changed CRM record: the Shopify customer it belongs to (null when the worker never linked it), the requested
/// property values, and when the CRM last changed it (on the CRM's clock).
/// </summary>
public sealed record CrmRecordChange(string? CustomerKey, IReadOnlyDictionary<string, string> Values, DateTimeOffset Updated);
