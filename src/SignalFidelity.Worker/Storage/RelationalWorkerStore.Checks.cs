using System.Text.Json;
using Dapper;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The check history and the alert outbox (migration 0004). A check and the alerts it causes are stored in one
/// transaction, so a channel that is down never loses the check: the alert waits in the outbox and is retried.
/// </summary>
public abstract partial class RelationalWorkerStore
{
    /// <inheritdoc />
    public Task<(CheckRecord Check, IReadOnlyList<OutboxAlert> Queued)> RecordCheckAsync(CheckRecord check,
        Func<CheckLevel?, IReadOnlyList<(string Channel, string MessageJson)>> alertsFor, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) =>
        {
            var previous = await c.QuerySingleOrDefaultAsync<string?>(Command(
                "SELECT level FROM check_history WHERE shop = @Shop AND kind = @Kind AND crm = @Crm ORDER BY id DESC LIMIT 1", new { Shop, check.Kind, check.Crm }, t, cancellationToken));
            var id = await c.ExecuteScalarAsync<long>(Command("""
                INSERT INTO check_history (shop, ran_at, kind, crm, sample, population, drifted, drift_percent, ci_low, ci_high, level, per_field_json, report_path)
                VALUES (@Shop, @ranAt, @Kind, @Crm, @Sample, @Population, @Drifted, @DriftPercent, @CiLow, @CiHigh, @level, @perField, @ReportPath) RETURNING id
                """, new
            {
                Shop, ranAt = check.RanAt.UtcTicks, check.Kind, check.Crm, check.Sample, check.Population, check.Drifted, check.DriftPercent, check.CiLow, check.CiHigh,
                level = check.Level.ToString(), perField = JsonSerializer.Serialize(check.PerField), check.ReportPath,
            }, t, cancellationToken));
            await InsertDriftedFieldsAsync(c, t, id, check.DriftedFields, cancellationToken);
            await PruneDriftedFieldsAsync(c, t, check, cancellationToken);
            var queued = new List<OutboxAlert>();
            foreach (var (channel, message) in alertsFor(previous is null ? null : Enum.Parse<CheckLevel>(previous)))
            {
                var alertId = await c.ExecuteScalarAsync<long>(Command(
                    "INSERT INTO alert_outbox (shop, check_id, channel, message_json, next_attempt_at) VALUES (@Shop, @id, @channel, @message, @now) RETURNING id",
                    new { Shop, id, channel, message, now = NowTicks() }, t, cancellationToken));
                queued.Add(new OutboxAlert(alertId, id, channel, message, 0, null, null, new DateTimeOffset(NowTicks(), TimeSpan.Zero)));
            }
            return (check with { Id = id }, (IReadOnlyList<OutboxAlert>)queued);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<CheckRecord>> GetChecksAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        var rows = await c.QueryAsync<(long id, long ran_at, string kind, string crm, long sample, long population, long drifted, double drift_percent, double ci_low, double ci_high, string level, string per_field_json, string report_path)>(
            Command("SELECT id, ran_at, kind, crm, sample, population, drifted, drift_percent, ci_low, ci_high, level, per_field_json, report_path FROM check_history WHERE shop = @Shop ORDER BY id", new { Shop }, null, cancellationToken));
        return rows.Select(r => new CheckRecord(r.id, new DateTimeOffset(r.ran_at, TimeSpan.Zero), r.kind, r.crm, r.sample, r.population, r.drifted, r.drift_percent, r.ci_low, r.ci_high,
            Enum.Parse<CheckLevel>(r.level), JsonSerializer.Deserialize<Dictionary<string, int>>(r.per_field_json) ?? [], r.report_path)).ToList();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxAlert>> GetDueAlertsAsync(CancellationToken cancellationToken = default) =>
        QueryAlertsAsync("AND sent_at IS NULL AND next_attempt_at <= @now", cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxAlert>> GetAlertsAsync(CancellationToken cancellationToken = default) => QueryAlertsAsync("", cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxAlert>> GetPendingAlertsAsync(CancellationToken cancellationToken = default) => QueryAlertsAsync("AND sent_at IS NULL", cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryClaimAlertAsync(long alertId, TimeSpan lease, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) => await c.ExecuteAsync(Command(
            "UPDATE alert_outbox SET next_attempt_at = @until WHERE id = @alertId AND sent_at IS NULL AND next_attempt_at <= @now",
            new { alertId, now = NowTicks(), until = NowTicks() + lease.Ticks }, t, cancellationToken)) == 1, cancellationToken);

    /// <inheritdoc />
    public Task RecordAlertAttemptAsync(long alertId, string? error, TimeSpan retryAfter, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync((c, t) => c.ExecuteAsync(Command(error is null
                ? "UPDATE alert_outbox SET attempts = attempts + 1, sent_at = @now, last_error = NULL WHERE id = @alertId"
                : "UPDATE alert_outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next WHERE id = @alertId",
            new { alertId, error, now = NowTicks(), next = NowTicks() + retryAfter.Ticks }, t, cancellationToken)), cancellationToken);

    private async Task<IReadOnlyList<OutboxAlert>> QueryAlertsAsync(string where, CancellationToken cancellationToken)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        var rows = await c.QueryAsync<(long id, long check_id, string channel, string message_json, long attempts, string? last_error, long? sent_at, long next_attempt_at)>(Command(
            "SELECT id, check_id, channel, message_json, attempts, last_error, sent_at, next_attempt_at FROM alert_outbox WHERE shop = @Shop " + where + " ORDER BY id", new { Shop, now = NowTicks() }, null, cancellationToken));
        return rows.Select(r => new OutboxAlert(r.id, r.check_id, r.channel, r.message_json, (int)r.attempts, r.last_error,
            r.sent_at is { } s ? new DateTimeOffset(s, TimeSpan.Zero) : null, new DateTimeOffset(r.next_attempt_at, TimeSpan.Zero))).ToList();
    }
}
