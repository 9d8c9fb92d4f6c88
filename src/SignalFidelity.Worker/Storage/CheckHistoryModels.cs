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
public sealed record CheckRecord(long Id, DateTimeOffset RanAt, string Kind, string Crm, long Sample, long Population, long Drifted,
    double DriftPercent, double CiLow, double CiHigh, CheckLevel Level, IReadOnlyDictionary<string, int> PerField, string ReportPath);

/// <summary>An alert waiting in the outbox for one channel, or already sent.</summary>
/// <param name="Id">The outbox row.</param>
/// <param name="CheckId">The check it announces.</param>
/// <param name="Channel">The channel's name (<c>slack</c>, <c>email</c>).</param>
/// <param name="MessageJson">The message, as the channel reads it.</param>
/// <param name="Attempts">Sends tried so far.</param>
/// <param name="LastError">Why the last try failed, or null.</param>
/// <param name="SentAt">When it went out, or null while pending.</param>
public sealed record OutboxAlert(long Id, long CheckId, string Channel, string MessageJson, int Attempts, string? LastError, DateTimeOffset? SentAt);

/// <summary>The stored checks and the alert outbox (<c>check_history</c>, <c>alert_outbox</c>).</summary>
public interface ICheckHistoryStore
{
    /// <summary>The shop (its myshopify.com domain, lower-case) whose checks and alerts these are.</summary>
    string Shop { get; }

    /// <summary>
    /// Stores <paramref name="check"/> and, in the same transaction, the alerts <paramref name="alertsFor"/> makes from the
    /// level of the previous check of the same kind and CRM (null for the first), so the result is never lost to a channel.
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

    /// <summary>Records a try: sent (error null) or failed, to be tried again after <paramref name="retryAfter"/>.</summary>
    Task RecordAlertAttemptAsync(long alertId, string? error, TimeSpan retryAfter, CancellationToken cancellationToken = default);
}
