namespace SignalFidelity.Worker.Storage;

/// <summary>What happened to a delivery when intake looked at it; decides what is stored with it.</summary>
public enum DeliveryDisposition
{
    /// <summary>Parsed and routed: its ledger updates and destination writes are stored with it.</summary>
    Accepted,

    /// <summary>Authentic, but no consumer takes the topic: recorded, nothing to write.</summary>
    Unrouted,

    /// <summary>Authentic, but the body could not be parsed: recorded and dead-lettered.</summary>
    Unparseable,

    /// <summary>A compliance topic (data request, shop redact): recorded for the audit trail.</summary>
    Compliance,

    /// <summary>Authentic, but triggered outside the freshness window: recorded and dead-lettered, not applied.</summary>
    OutsideWindow,

    /// <summary>Authentic and understood, but reporting something that did not happen (a merge Shopify reports as failed): recorded, not applied.</summary>
    NotApplied,
}

/// <summary>One Shopify webhook delivery as intake received it.</summary>
/// <param name="EventId">X-Shopify-Event-Id, shared by every delivery of one merchant action (with the topic, a dedupe key).</param>
/// <param name="Body">The raw body exactly as received (the HMAC covers these bytes).</param>
/// <param name="CustomerKey">The person the delivery is about, when known (for redaction).</param>
/// <param name="Reason">Why the delivery was not accepted, for unparseable ones.</param>
public sealed record DeliveryRecord(
    string EventId,
    string WebhookId,
    string Topic,
    string ShopDomain,
    DateTimeOffset TriggeredAt,
    DateTimeOffset ReceivedAt,
    byte[] Body,
    DeliveryDisposition Disposition,
    string? CustomerKey = null,
    string? Reason = null);

/// <summary>What a destination write does to the person.</summary>
public enum WriteOperation
{
    /// <summary>Creates or updates the person's properties (an idempotent upsert).</summary>
    Upsert,

    /// <summary>Deletes the person (compliance redaction).</summary>
    Delete,

    /// <summary>
    /// Merges the records of customers Shopify merged away (<see cref="FieldSet.MergedAwayPrefix"/> fields name them)
    /// into the person's record, then writes the person's values like an upsert.
    /// </summary>
    Merge,
}

/// <summary>One value proposed for a destination property, with the source time it was true at.</summary>
/// <param name="Property">The destination's property name.</param>
/// <param name="JsonValue">The value as JSON text (<c>null</c>, a number, a string...).</param>
public sealed record FieldValue(string Property, string JsonValue, DateTimeOffset SourceTimestamp);

/// <summary>
/// A patch one source wants written to a destination for one person. The ledger lets through only
/// the fields newer than the value already accepted for that (person, destination, property).
/// </summary>
/// <param name="ReassertEqual">
/// Also let through fields whose source time equals the accepted one. Reconciliation sets it: the
/// destination may have drifted since the value was written, so the same fact is written again.
/// </param>
/// <param name="OnlyChanges">
/// Let a newer field through only when its value differs from the accepted one. The CRM poll sets it:
/// a profile touched for any reason must not rewrite an unchanged tag into Shopify.
/// </param>
/// <param name="ReplacesPrevious">
/// The destination holds the value among others it must drop when the value changes (the primary tag
/// among a Shopify customer's tags). The ledger then adds, for each accepted field, the value it
/// replaced as a superseded field (<see cref="FieldSet.SupersededPrefix"/>), so the writer can remove it.
/// </param>
public sealed record ProposedWrite(
    string CustomerKey,
    SyncSystem Destination,
    WriteOperation Operation,
    IReadOnlyList<FieldValue> Fields,
    bool ReassertEqual = false,
    bool OnlyChanges = false,
    bool ReplacesPrevious = false) : LedgerChange(CustomerKey);

/// <summary>The result of storing one delivery.</summary>
/// <param name="Duplicate">True when the event id was already stored: nothing else was written.</param>
/// <param name="FieldsAccepted">Fields the ledger let through into pending writes.</param>
/// <param name="FieldsRefused">Fields the ledger refused as older than (or as old as) what was accepted.</param>
public sealed record IntakeResult(bool Duplicate, int FieldsAccepted, int FieldsRefused)
{
    /// <summary>The result for an event id seen before.</summary>
    public static IntakeResult DuplicateEvent { get; } = new(true, 0, 0);
}

/// <summary>A destination write claimed under a lease by one dispatcher.</summary>
/// <param name="Attempt">1 for the first try, counting this one.</param>
public sealed record ClaimedWrite(
    long Id,
    string CustomerKey,
    SyncSystem Destination,
    WriteOperation Operation,
    IReadOnlyList<FieldValue> Fields,
    int Attempt,
    DateTimeOffset CreatedAt);

/// <summary>What kind of thing a dead letter holds.</summary>
public enum DeadLetterKind
{
    /// <summary>An authentic delivery that could not be processed; replay processes it again.</summary>
    Delivery,

    /// <summary>A destination write that failed every retry; replay queues it again.</summary>
    Write,
}

/// <summary>Something the worker gave up on, with the reason, kept until replayed.</summary>
public sealed record DeadLetter(
    long Id,
    DeadLetterKind Kind,
    string Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReplayedAt,
    string? CustomerKey,
    SyncSystem? Destination,
    string? Topic,
    string? EventId,
    int Attempts,
    string Payload);

/// <summary>How many dead letters share a kind, a reason, a topic (deliveries) and a destination (writes).</summary>
public sealed record DeadLetterTally(DeadLetterKind Kind, string Reason, string? Topic, SyncSystem? Destination, long Count);

/// <summary>The numbers an operator watches.</summary>
/// <param name="Shop">The shop these numbers are of (each shop a worker serves has its own queue, ledger and dead letters).</param>
/// <param name="Lag">Age of the oldest write not yet accepted by its destination (zero when none).</param>
public sealed record QueueStats(
    string Shop,
    long PendingWrites,
    long InFlightWrites,
    TimeSpan Lag,
    long DeadLetters,
    long Deliveries,
    long UnroutedDeliveries,
    DateTimeOffset? LastReconciliation)
{
    /// <summary>The Shopify API versions deliveries came under other than the pinned one (Shopify falling forward).</summary>
    public IReadOnlyList<ShopifyApiVersionSeen> ShopifyApiVersions { get; init; } = [];

    /// <summary>How many customers the shop's ledger holds values for.</summary>
    public long LedgerCustomers { get; init; }
}

/// <summary>A Shopify API version deliveries arrived under that is not the topology's pin, and the review window it opened.</summary>
public sealed record ShopifyApiVersionSeen(string Version, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Deliveries, string? Review);
