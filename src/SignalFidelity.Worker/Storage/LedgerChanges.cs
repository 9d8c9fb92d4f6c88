namespace SignalFidelity.Worker.Storage;

/// <summary>
/// Something a delivery (or a scheduled pull) tells the store about one person, applied in the transaction that
/// records it: a patch for a destination (<see cref="ProposedWrite"/>), two customers becoming one
/// (<see cref="CustomerMerge"/>), or what the shop's tags now are (<see cref="TagObservation"/>).
/// </summary>
/// <param name="CustomerKey">The person, as the worker keys them (a Shopify customer gid).</param>
public abstract record LedgerChange(string CustomerKey);

/// <summary>
/// Shopify merged <paramref name="MergedAwayKey"/> into <paramref name="CustomerKey"/>. The store moves the merged-away
/// customer's ledger (every destination, the tag set too) under the kept one, newer source time winning per field;
/// drops their pending writes (their values are in the moved ledger); remembers the merged-away key, so nothing is
/// written for that customer again; and queues, for each of <paramref name="Destinations"/> where the merged-away
/// customer was synced, one <see cref="WriteOperation.Merge"/> write: merge the two records in the CRM, then write
/// the kept customer's ledger values.
/// </summary>
public sealed record CustomerMerge(string CustomerKey, string MergedAwayKey, IReadOnlyList<SyncSystem> Destinations) : LedgerChange(CustomerKey);

/// <summary>What a change says about a customer's tags in Shopify.</summary>
public enum TagChange
{
    /// <summary>Shopify reports these tags added (by staff, an app, or the worker's own write-back).</summary>
    Added,

    /// <summary>Shopify reports these tags removed.</summary>
    Removed,

    /// <summary>Shopify reports these as all the customer's tags: the others are gone.</summary>
    FullSet,

    /// <summary>The worker's write-back added these to Shopify: they are the topology's, removable when replaced.</summary>
    Placed,

    /// <summary>The worker's write-back removed these from Shopify.</summary>
    Withdrawn,
}

/// <summary>
/// Tags of one customer as Shopify holds them, true at <paramref name="SourceTimestamp"/>. Per tag the newest
/// source time wins, as in the ledger, so deltas may arrive in any order.
/// </summary>
public sealed record TagObservation(string CustomerKey, TagChange Change, IReadOnlyList<string> Tags, DateTimeOffset SourceTimestamp)
    : LedgerChange(CustomerKey);

/// <summary>One tag of the customer's Shopify tag set as the ledger holds it.</summary>
/// <param name="Tag">The tag as Shopify last reported it (Shopify compares tags case-insensitively).</param>
/// <param name="Present">False when the tag was removed (kept so that an older add arriving late cannot bring it back).</param>
/// <param name="PlacedByWriteBack">True when the worker's write-back put it there (the topology's tag); false for staff's and other apps' tags.</param>
public sealed record CustomerTag(string Tag, bool Present, bool PlacedByWriteBack, DateTimeOffset SourceTimestamp);
