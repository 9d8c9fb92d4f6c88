namespace SignalFidelity.Audit.Reviews;

/// <summary>One thing <c>sigfid review check</c> reports; errors fail it (exit 1), warnings do not.</summary>
public sealed record ReviewFinding(bool IsError, string Message);

/// <summary>
/// The rules a repository's review windows must keep at a given time: no open window past its due time, a quarterly
/// review closed within the last 92 days, and no pinned Klaviyo revision retired (warned 90 days ahead).
/// Windows are judged as they stood at that time, so a check "at" a past date ignores what was opened or closed later.
/// </summary>
public static class ReviewCheck
{
    public static IReadOnlyList<ReviewFinding> Run(IReadOnlyList<ReviewWindow> windows, DateTimeOffset at, IEnumerable<KlaviyoRevision> pinnedKlaviyo)
    {
        var findings = new List<ReviewFinding>();
        foreach (var overdue in windows.Where(w => w.IsOverdueAt(at)))
        {
            findings.Add(new(true, $"{overdue.Id}: {overdue.Trigger.Name()} review \"{overdue.Title}\" was due {ReviewWindow.Time(overdue.Due!.Value)} and is still open; decide and run `sigfid review close {overdue.Id} --decision TEXT`."));
        }

        var lastQuarterly = windows.Where(w => w.Trigger == ReviewTrigger.Quarterly && w.IsClosedAt(at)).Max(w => w.Closed);
        if (lastQuarterly is null || lastQuarterly.Value + ReviewTriggers.QuarterlyInterval < at)
        {
            var since = lastQuarterly is { } last ? $"the last one closed {ReviewWindow.Time(last)}" : "none was ever closed";
            findings.Add(new(true, $"no quarterly review was closed in the last {ReviewTriggers.QuarterlyInterval.TotalDays:0} days ({since}); run `sigfid review open --trigger quarterly --title TEXT`, review the topology, and close it."));
        }

        foreach (var revision in pinnedKlaviyo)
        {
            if (revision.Retired <= at)
            {
                findings.Add(new(true, $"Klaviyo revision {revision.Revision} was retired {ReviewWindow.Time(revision.Retired)} (two years after its date): Klaviyo fails or falls forward on it; move the connector's pinned revision to a current one."));
            }
            else if (revision.Retired - KlaviyoRevision.WarnAhead <= at)
            {
                findings.Add(new(false, $"Klaviyo revision {revision.Revision} retires {ReviewWindow.Time(revision.Retired)} ({(revision.Retired - at).TotalDays:0} days): open a platform-release review to move the pin."));
            }
        }

        return findings;
    }
}
