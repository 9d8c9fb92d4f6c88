using System.Globalization;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Checks;

/// <summary>
/// The <c>DriftCheck</c> schedule: the same check as <c>sigfid drift --alert</c> (the default sample) against every
/// connected CRM, each report written to <c>reports/drift-&lt;crm&gt;-&lt;due time&gt;/</c> next to the store, stored in the
/// history, and announced when its level changed. Messages a channel failed to take are sent again first. With a
/// <paramref name="healer"/> (<c>SignalFidelity:Alerts:HealAutomatically</c>) a check above the baseline is healed
/// from its own <c>drifted.csv</c> (re-check in <c>heal/</c> beside it); the next scheduled check measures the result.
/// </summary>
public sealed class DriftCheckJob(DriftCheck check, IEnumerable<ICrmPeopleReader> crms, DriftAlerts alerts, string reportsDirectory,
    Healer? healer = null, TimeSpan? healWait = null) : IScheduledCheck
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
            var (stored, queued, contested) = await alerts.RecordAsync(result, alert: true, cancellationToken);
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{crm}: {stored.Level.ToString().ToLowerInvariant()} ({stored.DriftPercent:0.0}% drifted), {queued.Count} message(s); {result.HtmlReport}");
            if (contested.Count > 0) line += $"; {contested.Count} contested at run time";
            if (healer is not null && stored.Level != CheckLevel.Normal)
            {
                var heal = await healer.HealAsync(result.DriftedListing, healWait ?? TimeSpan.FromMinutes(2), Path.Combine(folder, "heal"), cancellationToken);
                line += $"; healed {heal.Customers.Count(c => c.Healed)} of {heal.Customers.Count}";
            }
            lines.Add(line);
        }

        return string.Join("; ", lines);
    }
}
