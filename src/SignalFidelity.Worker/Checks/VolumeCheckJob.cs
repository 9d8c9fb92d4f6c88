using System.Globalization;
using SignalFidelity.Core.Mapping;
using SignalFidelity.Core.Reports;
using SignalFidelity.Worker.Alerts;

namespace SignalFidelity.Worker.Checks;

/// <summary>
/// The <c>VolumeCheck</c> schedule: the same check as <c>sigfid reconcile</c> (the last 7 days against Klaviyo's
/// order events), its <c>volume.json</c> written to <c>reports/volume-&lt;due time&gt;/</c> next to the store, and its last
/// judged day kept in the check history (kind <see cref="VolumeCheck.Kind"/>), where the monthly page finds the gaps, and
/// announced through the alert channels when its level changed (<see cref="DriftAlerts"/>, the drift check's rule and outbox).
/// </summary>
public sealed class VolumeCheckJob(VolumeCheck check, string reportsDirectory, DriftAlerts alerts) : IScheduledCheck
{
    /// <summary>Days reported per run: a week, each with its own 7-day baseline.</summary>
    public const int Days = 7;

    /// <inheritdoc />
    public string Name => ScheduledCheckNames.VolumeCheck;

    /// <inheritdoc />
    public async Task<string> RunAsync(DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var result = await check.RunAsync(Days, KlaviyoNativeIntegration.OrderMetric, cancellationToken);
        var folder = Path.Combine(reportsDirectory, "volume-" + dueAt.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture));
        var path = VolumeReportWriter.Write(result, folder);
        var recorded = await alerts.RecordAsync(result, path, alert: true, cancellationToken);
        var day = result.LastJudged is { } last ? string.Create(CultureInfo.InvariantCulture, $"{last.Day:yyyy-MM-dd} gap {last.GapPercent:0.0}% vs baseline {last.BaselinePercent ?? 0:0.0}%") : "no day judged yet";
        return $"{VolumeJson.Level(result.Level)} ({day}), {recorded?.Queued.Count ?? 0} message(s); {path}";
    }
}
