using SignalFidelity.Audit;
using SignalFidelity.Audit.Listings;
using SignalFidelity.Core.Reports;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Checks;

/// <summary>
/// "Contested at run time": a customer of this check's <c>drifted.csv</c> who was drifted in one of the
/// <see cref="RunTimeContest.Window"/> checks of the same CRM before it (the history's <c>drifted_customers</c>), healed
/// in between or not. The topology names one writer per field, so a field that keeps coming back wrong has a writer
/// at run time the topology does not know: the report and the alert name the customer and the field.
/// </summary>
public static class RunTimeContests
{
    /// <summary>
    /// The check with its pages written again to carry the contests (<c>drift.md|html|json</c>, <c>contestedAtRunTime</c>),
    /// and the drifted fields to store with it.
    /// </summary>
    public static async Task<(DriftCheckResult Result, IReadOnlyList<DriftedField> Drifted)> MarkAsync(
        DriftCheckResult result, ICheckHistoryStore store, CancellationToken cancellationToken)
    {
        var (_, rows) = DriftedListing.Read(result.DriftedListing);
        var drifted = rows.Select(r => new DriftedField(r.CustomerId, r.Field)).ToList();
        var earlier = await store.GetDriftedInLastChecksAsync(DriftCheck.Kind, result.Report.Crm.ToString().ToLowerInvariant(), RunTimeContest.Window, cancellationToken);
        var report = result.Report with { ContestedAtRunTime = Find(drifted, earlier) };
        var files = AuditRunner.WriteReports(report, Path.GetDirectoryName(result.HtmlReport)!, DriftCheck.Kind);
        return (new DriftCheckResult(report, files), drifted);
    }

    /// <summary>Each customer drifted now and in an earlier check, with the fields drifted now and the latest earlier check's time.</summary>
    public static IReadOnlyList<RunTimeContest> Find(IReadOnlyList<DriftedField> now, IReadOnlyList<EarlierDrift> earlier)
    {
        var lastDrifted = earlier.GroupBy(e => e.CustomerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(e => e.RanAt), StringComparer.Ordinal);
        return now.GroupBy(d => d.CustomerId, StringComparer.Ordinal)
            .Where(g => lastDrifted.ContainsKey(g.Key))
            .Select(g => new RunTimeContest(g.Key, g.Select(d => d.Field).Distinct(StringComparer.Ordinal).ToList(), lastDrifted[g.Key]))
            .OrderBy(c => c.CustomerId, StringComparer.Ordinal)
            .ToList();
    }
}
