namespace SignalFidelity.Worker.Storage;

/// <summary>A check's level against the thresholds: normal, warning (above the baseline), alert (above the alert line).</summary>
public enum CheckLevel
{
    /// <summary>At or below the baseline.</summary>
    Normal,

    /// <summary>Above the baseline, at or below the alert line.</summary>
    Warning,

    /// <summary>Above the alert line.</summary>
    Alert,
}

/// <summary>One stored check: what it measured, its level, and where its report is.</summary>
/// <param name="Id">The store's id (0 before it is stored).</param>
/// <param name="RanAt">When the check finished.</param>
/// <param name="Kind">Which check (<c>drift</c>).</param>
/// <param name="Crm">The CRM measured (lower case).</param>
/// <param name="Sample">Customers measured.</param>
/// <param name="Population">Customers in the shop.</param>
/// <param name="Drifted">Measured customers that drifted.</param>
/// <param name="DriftPercent">Drift, in percent.</param>
/// <param name="CiLow">The 95% interval's low end, in percent.</param>
/// <param name="CiHigh">The 95% interval's high end, in percent.</param>
/// <param name="Level">The level against the thresholds.</param>
/// <param name="PerField">Drifted customers per fidelity field (code name).</param>
/// <param name="ReportPath">The HTML report.</param>
/// <remarks>
/// A volume check (<c>volume</c>) is stored in the same shape, for its last judged day: <paramref name="Sample"/> the
/// orders placed, <paramref name="Population"/> the orders the CRM recorded, <paramref name="Drifted"/> the orders
/// missing, <paramref name="DriftPercent"/> the gap (the interval is the gap itself: a count has no sampling error),
/// <paramref name="ReportPath"/> its <c>volume.json</c>.
/// </remarks>
public sealed record CheckRecord(long Id, DateTimeOffset RanAt, string Kind, string Crm, long Sample, long Population, long Drifted,
    double DriftPercent, double CiLow, double CiHigh, CheckLevel Level, IReadOnlyDictionary<string, int> PerField, string ReportPath)
{
    /// <summary>
    /// Each drifted customer and field (as <c>drifted.csv</c> lists them), stored with the check (<c>drifted_customers</c>)
    /// so the next checks can tell a customer that drifts again; written by <see cref="ICheckHistoryStore.RecordCheckAsync"/>,
    /// not read back by <see cref="ICheckHistoryStore.GetChecksAsync"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<DriftedField> DriftedFields { get; init; } = [];
}

/// <summary>One customer's drifted field in a check: the Shopify customer id and the field in words (<c>drifted.csv</c>'s columns).</summary>
public sealed record DriftedField(string CustomerId, string Field);

/// <summary>A drifted field of an earlier check: which check, when it ran, the customer and the field.</summary>
public sealed record EarlierDrift(long CheckId, DateTimeOffset RanAt, string CustomerId, string Field);

/// <summary>An alert waiting in the outbox for one channel, or already sent.</summary>
/// <param name="Id">The outbox row.</param>
/// <param name="CheckId">The check it announces.</param>
/// <param name="Channel">The channel's name (<c>slack</c>, <c>email</c>).</param>
/// <param name="MessageJson">The message, as the channel reads it.</param>
/// <param name="Attempts">Sends tried so far.</param>
/// <param name="LastError">Why the last try failed, or null.</param>
/// <param name="SentAt">When it went out, or null while pending.</param>
/// <param name="NextAttemptAt">When it is tried next while pending (a claimed message's lease end while a send is under way).</param>
public sealed record OutboxAlert(long Id, long CheckId, string Channel, string MessageJson, int Attempts, string? LastError, DateTimeOffset? SentAt,
    DateTimeOffset? NextAttemptAt = null);

/// <summary>The stored checks and the alert outbox (<c>check_history</c>, <c>alert_outbox</c>).</summary>
public interface ICheckHistoryStore
{
    /// <summary>The shop (its myshopify.com domain, lower-case) whose checks and alerts these are.</summary>
    string Shop { get; }

    /// <summary>
    /// Stores <paramref name="check"/> and, in the same transaction, the alerts <paramref name="alertsFor"/> makes from the
    /// level of the previous check of the same kind and CRM (null for the first), so the result is never lost to a channel.
    /// The drifted fields of that kind and CRM's checks older than the last <see cref="Core.Reports.RunTimeContest.Window"/>
    /// (this one among them) are deleted in the same transaction: <see cref="GetDriftedInLastChecksAsync"/> never reads them again.
    /// </summary>
    /// <returns>The stored check (with its id) and the alerts queued.</returns>
    Task<(CheckRecord Check, IReadOnlyList<OutboxAlert> Queued)> RecordCheckAsync(CheckRecord check,
        Func<CheckLevel?, IReadOnlyList<(string Channel, string MessageJson)>> alertsFor, CancellationToken cancellationToken = default);

    /// <summary>Every stored check, oldest first.</summary>
    Task<IReadOnlyList<CheckRecord>> GetChecksAsync(CancellationToken cancellationToken = default);

    /// <summary>Alerts not yet sent whose next try is due.</summary>
    Task<IReadOnlyList<OutboxAlert>> GetDueAlertsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every alert, sent or pending, oldest first.</summary>
    Task<IReadOnlyList<OutboxAlert>> GetAlertsAsync(CancellationToken cancellationToken = default);

    /// <summary>Alerts not yet sent, due or waiting for their next try, oldest first (<c>/health</c>, <c>/status</c>).</summary>
    Task<IReadOnlyList<OutboxAlert>> GetPendingAlertsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a due alert for one sender until <paramref name="lease"/> has passed (its next try moves there), so two
    /// replicas flushing the outbox never send it twice; false when it is not due any more (sent, or taken elsewhere).
    /// </summary>
    Task<bool> TryClaimAlertAsync(long alertId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>The drifted fields stored with the last <paramref name="checks"/> checks of <paramref name="kind"/> and <paramref name="crm"/>.</summary>
    Task<IReadOnlyList<EarlierDrift>> GetDriftedInLastChecksAsync(string kind, string crm, int checks, CancellationToken cancellationToken = default);

    /// <summary>Records a try: sent (error null) or failed, to be tried again after <paramref name="retryAfter"/>.</summary>
    Task RecordAlertAttemptAsync(long alertId, string? error, TimeSpan retryAfter, CancellationToken cancellationToken = default);
}
