using System.Globalization;
using SignalFidelity.Worker.Alerts;

namespace SignalFidelity.Worker.Checks;

/// <summary>
/// The <c>DriftCheck</c> schedule: the same check as <c>sigfid drift --alert</c> (the default sample) against every
/// connected CRM, each report written to <c>reports/drift-&lt;crm&gt;-&lt;due time&gt;/</c> next to the store, stored in the
/// history, and announced when its level changed. Messages a channel failed to take are sent again first.
/// </summary>
public sealed class DriftCheckJob(DriftCheck check, IEnumerable<ICrmPeopleReader> crms, DriftAlerts alerts, string reportsDirectory) : IScheduledCheck
{
    /// <inheritdoc />
    public string Name => ScheduledCheckNames.DriftCheck;

    /// <inheritdoc />
    public async Task<string> RunAsync(DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await alerts.FlushAsync(cancellationToken);
        var lines = new List<string>();
        foreach (var crm in crms.Select(c => c.Crm).Distinct())
        {
            var folder = Path.Combine(
                reportsDirectory,
                string.Create(CultureInfo.InvariantCulture, $"drift-{crm.ToString().ToLowerInvariant()}-{dueAt.UtcDateTime:yyyyMMdd'T'HHmm'Z'}"));
            var result = await check.RunAsync(new DriftCheckOptions { Crm = crm, OutputDirectory = folder }, null, cancellationToken);
            var (stored, queued) = await alerts.RecordAsync(result, alert: true, cancellationToken);
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{crm}: {stored.Level.ToString().ToLowerInvariant()} ({stored.DriftPercent:0.0}% drifted), {queued.Count} message(s); {result.HtmlReport}"));
        }

        return string.Join("; ", lines);
    }
}
