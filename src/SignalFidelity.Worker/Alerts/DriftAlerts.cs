using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Alerts;

/// <summary>
/// What follows a drift check: it is stored in the history with its level and, when the level changed, one message
/// per configured channel is queued in the same transaction; then every due message is sent. A channel that fails
/// keeps its message in the outbox with the error, tried again on the next flush; the check is stored regardless.
/// </summary>
public sealed class DriftAlerts(ICheckHistoryStore store, IEnumerable<IAlertChannel> channels, AlertOptions options)
{
    /// <summary>Stores the check, queues its alerts when <paramref name="alert"/> and the level changed, and flushes the outbox.</summary>
    public async Task<(CheckRecord Check, IReadOnlyList<OutboxAlert> Queued)> RecordAsync(DriftCheckResult result, bool alert, CancellationToken cancellationToken)
    {
        var drift = result.Report.Drift;
        var level = DriftAlertRule.LevelOf(drift.DriftPercent, options);
        var record = new CheckRecord(0, result.Report.GeneratedAt, DriftCheck.Kind, result.Report.Crm.ToString().ToLowerInvariant(), drift.SampleSize, drift.PopulationSize,
            drift.DriftedCount, drift.DriftPercent, drift.DriftPercentCi95.Low, drift.DriftPercentCi95.High, level,
            drift.PerField.ToDictionary(f => f.Field, f => f.DriftedCount, StringComparer.Ordinal), result.HtmlReport);
        var stored = await store.RecordCheckAsync(record, previous =>
        {
            if (!alert || !DriftAlertRule.Announces(previous, level)) return [];
            var message = new AlertMessage(record.Kind, result.Report.Crm.ToString(), previous, level, record.DriftPercent, record.CiLow, record.CiHigh,
                record.Sample, record.Population, record.Drifted, options.DriftBaselinePercent, options.DriftAlertPercent, record.ReportPath, record.RanAt)
            {
                Shop = store.Shop,
            }.ToJson();
            return channels.Select(c => (c.Name, message)).ToList();
        }, cancellationToken);
        await FlushAsync(cancellationToken);
        return stored;
    }

    /// <summary>Sends every due message; returns how many are still pending after this round.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var byName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var pending = 0;
        foreach (var due in await store.GetDueAlertsAsync(cancellationToken))
        {
            if (!byName.TryGetValue(due.Channel, out var channel)) { pending++; continue; } // configured off since: kept, not dropped
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
    public static IReadOnlyList<IAlertChannel> ChannelsOf(AlertOptions options, HttpClient http)
    {
        var list = new List<IAlertChannel>();
        if (Uri.TryCreate(options.Slack.WebhookUrl, UriKind.Absolute, out var slack)) list.Add(new SlackAlertChannel(http, slack));
        if (!string.IsNullOrWhiteSpace(options.Email.Host)) list.Add(new EmailAlertChannel(options.Email));
        return list;
    }
}
