using SignalFidelity.Audit.Reviews;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Fidelity;

/// <summary>One CRM's record fidelity over the month against the month before: mean of its checks, and the latest.</summary>
internal sealed record FidelityTrend(string Crm, int Checks, double? Fidelity, double? Latest, int PreviousChecks, double? PreviousFidelity)
{
    /// <summary>The change of the mean in percentage points, when both months have checks.</summary>
    public double? ChangePoints => Fidelity is { } now && PreviousFidelity is { } before ? Math.Round(now - before, 6) : null;
}

/// <summary>A drift check whose level differs from the previous one of its CRM (the first is compared with normal, as the alert rule does).</summary>
internal sealed record LevelChange(CheckRecord Check, CheckLevel From);

/// <summary>An alert message of one of the month's checks: its channel, sent or pending, and what it said.</summary>
internal sealed record MonthAlert(OutboxAlert Alert, CheckRecord Check, string Headline);

/// <summary>
/// The founder's monthly page (<c>sigfid fidelity report --month</c>): the month's record fidelity against the month
/// before, the incidents (level changes, the messages they sent or still hold, volume gaps), the dead letters, and the
/// review windows open at the month's end. Read from the worker's store and the <c>reviews/</c> folder; it renders nothing.
/// </summary>
internal sealed record MonthlyReport(
    ReportMonth Month,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<CheckRecord> Checks,
    IReadOnlyList<CheckRecord> PreviousChecks,
    IReadOnlyList<FidelityTrend> Trend,
    IReadOnlyList<LevelChange> LevelChanges,
    IReadOnlyList<MonthAlert> Alerts,
    IReadOnlyList<CheckRecord> VolumeGaps,
    IReadOnlyList<DeadLetterTally> DeadLetters,
    DateTimeOffset ReviewsAt,
    string? ReviewsFolder,
    IReadOnlyList<ReviewWindow> OpenReviews)
{
    /// <summary>Drift level changes and volume gaps (volume checks at warning or alert): what a person had to look at.</summary>
    public int Incidents => LevelChanges.Count + VolumeGaps.Count;

    /// <summary>Gathers the month from the store and the reviews folder (null when none was found).</summary>
    public static async Task<MonthlyReport> BuildAsync(IWorkerStore store, ReportMonth month, ReviewFolder? reviews, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = await store.GetChecksAsync(cancellationToken);
        bool In(CheckRecord c, ReportMonth m) => c.RanAt >= m.From && c.RanAt < m.Until;
        var drift = all.Where(c => c.Kind == DriftCheck.Kind).ToList();
        var checks = drift.Where(c => In(c, month)).ToList();
        var previous = drift.Where(c => In(c, month.Previous)).ToList();
        var monthIds = all.Where(c => In(c, month)).ToDictionary(c => c.Id);

        var alerts = (await store.GetAlertsAsync(cancellationToken)).Where(a => monthIds.ContainsKey(a.CheckId))
            .Select(a => new MonthAlert(a, monthIds[a.CheckId], AlertMessage.FromJson(a.MessageJson).Headline)).ToList();
        var reviewsAt = now < month.Until ? now : month.Until;
        var open = reviews?.List().Where(w => w.Opened <= reviewsAt && !w.IsClosedAt(reviewsAt)).ToList() ?? [];
        return new MonthlyReport(month, now, checks, previous, TrendOf(checks, previous), LevelChangesIn(drift, month), alerts,
            all.Where(c => c.Kind == VolumeCheck.Kind && In(c, month) && c.Level != CheckLevel.Normal).ToList(),
            await store.CountDeadLettersAsync(month.From, month.Until, cancellationToken), reviewsAt, reviews?.Directory, open);
    }

    private static List<FidelityTrend> TrendOf(List<CheckRecord> checks, List<CheckRecord> previous) =>
        checks.Concat(previous).Select(c => c.Crm).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(crm =>
        {
            var now = checks.Where(c => c.Crm == crm).ToList();
            var before = previous.Where(c => c.Crm == crm).ToList();
            return new FidelityTrend(crm, now.Count, Mean(now), now.Count == 0 ? null : 100 - now[^1].DriftPercent, before.Count, Mean(before));
        }).ToList();

    private static double? Mean(List<CheckRecord> checks) => checks.Count == 0 ? null : Math.Round(checks.Average(c => 100 - c.DriftPercent), 6);

    // The history is oldest first; each CRM is its own series. A volume check's level is its gap, listed on its own.
    private static List<LevelChange> LevelChangesIn(IReadOnlyList<CheckRecord> drift, ReportMonth month)
    {
        var last = new Dictionary<string, CheckLevel>(StringComparer.Ordinal);
        var changes = new List<LevelChange>();
        foreach (var check in drift)
        {
            var before = last.GetValueOrDefault(check.Crm, CheckLevel.Normal);
            if (check.RanAt >= month.From && check.RanAt < month.Until && before != check.Level) changes.Add(new LevelChange(check, before));
            last[check.Crm] = check.Level;
        }
        return changes;
    }
}
