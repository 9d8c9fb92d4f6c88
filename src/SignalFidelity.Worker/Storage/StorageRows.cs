namespace SignalFidelity.Worker.Storage;

// Row shapes as the SQL returns them (snake_case columns, 64-bit integers on both engines). Kept
// apart from the public records so that the schema can change without touching callers.
#pragma warning disable IDE1006, SA1300 // Names mirror the columns.

internal sealed class WriteRow
{
    public long id { get; set; }
    public string shop { get; set; } = "";
    public string customer_key { get; set; } = "";
    public string destination { get; set; } = "";
    public string operation { get; set; } = "";
    public string fields { get; set; } = "[]";
    public string status { get; set; } = "";
    public long attempts { get; set; }
    public long next_attempt_at { get; set; }
    public string? lease_owner { get; set; }
    public long? lease_until { get; set; }
    public string? last_error { get; set; }
    public long created_at { get; set; }

    public ClaimedWrite ToClaimed() => new(
        id,
        customer_key,
        Enum.Parse<SyncSystem>(destination),
        Enum.Parse<WriteOperation>(operation),
        FieldSet.Decode(fields),
        (int)attempts,
        new DateTimeOffset(created_at, TimeSpan.Zero));
}

internal sealed class DeadLetterRow
{
    public long id { get; set; }
    public string kind { get; set; } = "";
    public string reason { get; set; } = "";
    public long created_at { get; set; }
    public long? replayed_at { get; set; }
    public string? customer_key { get; set; }
    public string? destination { get; set; }
    public string? operation { get; set; }
    public string? topic { get; set; }
    public string? event_id { get; set; }
    public long attempts { get; set; }
    public string payload { get; set; } = "";

    public DeadLetter ToDeadLetter() => new(
        id,
        Enum.Parse<DeadLetterKind>(kind),
        reason,
        new DateTimeOffset(created_at, TimeSpan.Zero),
        replayed_at is { } replayed ? new DateTimeOffset(replayed, TimeSpan.Zero) : null,
        customer_key,
        destination is null ? null : Enum.Parse<SyncSystem>(destination),
        topic,
        event_id,
        (int)attempts,
        payload);
}

internal sealed class DeliveryRow
{
    public long id { get; set; }
    public string event_id { get; set; } = "";
    public string webhook_id { get; set; } = "";
    public string topic { get; set; } = "";
    public string shop_domain { get; set; } = "";
    public long triggered_at { get; set; }
    public long received_at { get; set; }
    public string disposition { get; set; } = "";
    public string? customer_key { get; set; }
    public string? reason { get; set; }
    public byte[]? body { get; set; }

    public DeliveryRecord ToRecord() => new(
        event_id,
        webhook_id,
        topic,
        shop_domain,
        new DateTimeOffset(triggered_at, TimeSpan.Zero),
        new DateTimeOffset(received_at, TimeSpan.Zero),
        body ?? [],
        Enum.Parse<DeliveryDisposition>(disposition),
        customer_key,
        reason);
}

internal sealed class StatsRow
{
    public long pending { get; set; }
    public long in_flight { get; set; }
    public long? oldest { get; set; }
    public long dead { get; set; }
    public long deliveries { get; set; }
    public long unrouted { get; set; }
    public long? reconciled { get; set; }
    public long customers { get; set; }
}
#pragma warning restore IDE1006, SA1300

internal sealed class LedgerRow
{
    public string customer_key { get; set; } = "";
    public string destination { get; set; } = "";
    public string property { get; set; } = "";
    public string value_json { get; set; } = "";
    public long source_ts { get; set; }
}
