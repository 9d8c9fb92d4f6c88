namespace SignalFidelity.Audit.Reviews;

/// <summary>Why a review window was opened; the trigger decides when it is due.</summary>
public enum ReviewTrigger
{
    /// <summary>A platform release touching a synced field: one week.</summary>
    PlatformRelease,

    /// <summary>A schema change a vendor pushed (Shopify falling forward from a retired version): 48 hours.</summary>
    VendorChange,

    /// <summary>An internal field request: no deadline, reviewed by the topology owner.</summary>
    InternalRequest,

    /// <summary>The quarterly review: due 92 days after the last closed one.</summary>
    Quarterly,
}

/// <summary>The triggers' command-line names and deadlines.</summary>
public static class ReviewTriggers
{
    /// <summary>How long after the last closed quarterly review the next one is due.</summary>
    public static readonly TimeSpan QuarterlyInterval = TimeSpan.FromDays(92);

    private static readonly Dictionary<ReviewTrigger, string> Names = new()
    {
        [ReviewTrigger.PlatformRelease] = "platform-release",
        [ReviewTrigger.VendorChange] = "vendor-change",
        [ReviewTrigger.InternalRequest] = "internal-request",
        [ReviewTrigger.Quarterly] = "quarterly",
    };

    /// <summary>The names as typed on the command line and written in the files.</summary>
    public static IReadOnlyCollection<string> AllNames => Names.Values;

    public static string Name(this ReviewTrigger trigger) => Names[trigger];

    public static ReviewTrigger Parse(string text) =>
        Names.FirstOrDefault(n => string.Equals(n.Value, text, StringComparison.OrdinalIgnoreCase)) is { Value: not null } found
            ? found.Key
            : throw new ReviewInputException($"trigger '{text}' is not known; use one of {string.Join(", ", AllNames)}.");

    /// <summary>
    /// When a window opened at <paramref name="opened"/> is due, or null for none. The quarterly review is due
    /// 92 days after the last one closed, and at once when none was ever closed.
    /// </summary>
    public static DateTimeOffset? Due(this ReviewTrigger trigger, DateTimeOffset opened, DateTimeOffset? lastQuarterlyClosed) => trigger switch
    {
        ReviewTrigger.PlatformRelease => opened.AddDays(7),
        ReviewTrigger.VendorChange => opened.AddHours(48),
        ReviewTrigger.InternalRequest => null,
        _ => lastQuarterlyClosed is { } last ? last + QuarterlyInterval : opened,
    };
}

/// <summary>A review command's input cannot be used (unknown trigger, unknown id, unreadable file): exit 2.</summary>
public sealed class ReviewInputException(string message) : Exception(message);
