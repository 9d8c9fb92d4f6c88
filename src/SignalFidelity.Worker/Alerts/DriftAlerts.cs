using SignalFidelity.Core.Reports;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Alerts;

/// <summary>A check as stored: the history row, the messages it queued, the customers contested at run time (a drift check's; none for volume).</summary>
public sealed record RecordedCheck(CheckRecord Check, IReadOnlyList<OutboxAlert> Queued, IReadOnlyList<RunTimeContest> Contested)
{
    /// <summary>The row and the messages, as callers before the contests read them.</summary>
    public void Deconstruct(out CheckRecord check, out IReadOnlyList<OutboxAlert> queued) => (check, queued) = (Check, Queued);
}

/// <summary>
/// What follows a check. A drift check: the customers drifted again within two checks are marked in its pages
/// (<see cref="RunTimeContests"/>); it is stored in the history with its level and drifted customers and, when the
/// level changed, one message per configured channel is queued in the same transaction; then every due message is
/// sent. A channel that fails keeps its message in the outbox with the error, tried again on the next flush (the
/// worker's <see cref="AlertOutboxFlusher"/>, or the next check); the check is stored regardless. A volume check
/// (<see cref="RecordAsync(VolumeCheckResult, string, bool, CancellationToken)"/>) follows the same rule and outbox.
/// </summary>
public sealed class DriftAlerts(ICheckHistoryStore store, IEnumerable<IAlertChannel> channels, AlertOptions options)
{
    // Long enough for a slow SMTP server to answer (MailKit waits 2 minutes); a sender that dies mid-send frees it then.
    private static readonly TimeSpan SendLease = TimeSpan.FromMinutes(5);

    /// <summary>Stores the check, queues its alerts when <paramref name="alert"/> and the level changed, and flushes the outbox.</summary>
    public async Task<RecordedCheck> RecordAsync(DriftCheckResult result, bool alert, CancellationToken cancellationToken)
    {
        var (marked, drifted) = await RunTimeContests.MarkAsync(result, store, cancellationToken);
        var contested = marked.Report.ContestedAtRunTime ?? [];
        var drift = marked.Report.Drift;
        var level = DriftAlertRule.LevelOf(drift.DriftPercent, options);
        var record = new CheckRecord(0, marked.Report.GeneratedAt, DriftCheck.Kind, marked.Report.Crm.ToString().ToLowerInvariant(), drift.SampleSize, drift.PopulationSize,
            drift.DriftedCount, drift.DriftPercent, drift.DriftPercentCi95.Low, drift.DriftPercentCi95.High, level,
            drift.PerField.ToDictionary(f => f.Field, f => f.DriftedCount, StringComparer.Ordinal), marked.HtmlReport) { DriftedFields = drifted };
        var (stored, queued) = await RecordAndQueueAsync(record, alert, previous => new AlertMessage(record.Kind, marked.Report.Crm.ToString(), previous, level,
            record.DriftPercent, record.CiLow, record.CiHigh, record.Sample, record.Population, record.Drifted, options.DriftBaselinePercent, options.DriftAlertPercent,
            record.ReportPath, record.RanAt, [.. contested.Select(c => c.Describe())]), cancellationToken);
        return new RecordedCheck(stored, queued, contested);
    }

    /// <summary>
    /// Stores a volume check's last judged day (<see cref="VolumeHistory.RecordOf"/>) by the same rule: its level (from
    /// <see cref="Core.Volume.VolumeReconciler"/>) against the previous volume check's of this CRM and shop, one message per
    /// channel when <paramref name="alert"/> and it changed. Null when no day shown is judged yet: nothing is kept or sent.
    /// </summary>
    public async Task<RecordedCheck?> RecordAsync(VolumeCheckResult result, string reportPath, bool alert, CancellationToken cancellationToken)
    {
        if (VolumeHistory.RecordOf(result, reportPath) is not { } record || result.LastJudged is not { } day) return null;
        var (stored, queued) = await RecordAndQueueAsync(record, alert, previous => new AlertMessage(record.Kind, result.Crm, previous, record.Level,
            record.DriftPercent, record.CiLow, record.CiHigh, record.Sample, record.Population, record.Drifted, result.Options.WarningPoints, result.Options.AlertPoints,
            record.ReportPath, record.RanAt)
        {
            Day = day.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            UsualGapPercent = day.BaselinePercent ?? 0,
        }, cancellationToken);
        return new RecordedCheck(stored, queued, []);
    }

    // One rule for every kind: the store compares with the previous check of the same kind, CRM and shop, in the
    // transaction that stores this one, and queues the message there; then the outbox is flushed.
    private async Task<(CheckRecord Check, IReadOnlyList<OutboxAlert> Queued)> RecordAndQueueAsync(CheckRecord record, bool alert,
        Func<CheckLevel?, AlertMessage> messageOf, CancellationToken cancellationToken)
    {
        var recorded = await store.RecordCheckAsync(record, previous =>
        {
            if (!alert || !DriftAlertRule.Announces(previous, record.Level)) return [];
            var message = (messageOf(previous) with { Shop = store.Shop }).ToJson();
            return channels.Select(c => (c.Name, message)).ToList();
        }, cancellationToken);
        await FlushAsync(cancellationToken);
        return recorded;
    }

    /// <summary>Sends every due message this sender can claim; returns how many are still pending after this round.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var byName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var pending = 0;
        foreach (var due in await store.GetDueAlertsAsync(cancellationToken))
        {
            if (!byName.TryGetValue(due.Channel, out var channel)) { pending++; continue; } // configured off since: kept, not dropped
            if (!await store.TryClaimAlertAsync(due.Id, SendLease, cancellationToken)) continue; // sent or being sent by another replica
            try
            {
                await channel.SendAsync(AlertMessage.FromJson(due.MessageJson), cancellationToken);
                await store.RecordAlertAttemptAsync(due.Id, null, TimeSpan.Zero, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                pending++;
                await store.RecordAlertAttemptAsync(due.Id, e.GetType().Name + ": " + e.Message, options.RetryAfter, cancellationToken);
            }
        }
        return pending;
    }

    /// <summary>The channels the options turn on.</summary>
    public static IReadOnlyList<IAlertChannel> ChannelsOf(AlertOptions options, HttpClient http) =>
        AlertChannels.Configured(options).Select(c => c.Create(http)).ToList();
}
