namespace SignalFidelity.Sandbox.Naive;

/// <summary>
/// How the default, unwatched setup behaves: the decay mechanics the article names, each a knob. Nothing
/// here sets a drift figure; the audit measures whatever these mechanics leave behind.
/// </summary>
public sealed record NaiveScenario
{
    /// <summary>The vendor connector's sync period: it pushes what changed since the last run, once.</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Other apps on the same Klaviyo account (reviews, SMS, quizzes) share its profile-import limit. During
    /// the sale's peak hours they send this many requests at the start of each sync window.
    /// </summary>
    public int OtherAppsRequestsPerWindowAtPeak { get; init; } = 70;

    /// <summary>
    /// The same apps' tracking events ("Viewed Product", "Clicked SMS") on the events endpoint during the peak,
    /// sharing its burst limit with the connector's Placed Order events.
    /// </summary>
    public int OtherAppsEventsPerWindowAtPeak { get; init; } = 340;

    /// <summary>A loyalty app installed shortly before the sale also writes total_spent, from its nightly cache.</summary>
    public int LoyaltyAppInstalledDaysBeforeSale { get; init; } = 14;

    /// <summary>Share of customers enrolled in the loyalty programme (the app writes only for them).</summary>
    public double LoyaltyMemberShare { get; init; } = 0.5;

    /// <summary>How often the loyalty app pushes the members who ordered since its last push.</summary>
    public TimeSpan LoyaltyInterval { get; init; } = TimeSpan.FromHours(1);

    public const string LoyaltyAgent = "LoyaltyPoints/2.3";
    public const string OtherAppsAgent = "ReviewsAndSms/4.1";
}

/// <summary>What the naive run did: every write it attempted and every one it silently dropped.</summary>
public sealed record NaiveRunStats(int SyncRuns, int Attempted, int SkippedOnThrottle, int SkippedOnError, int LoyaltyWrites, int OtherAppRequests)
{
    public double SkippedShare => Attempted == 0 ? 0 : (double)(SkippedOnThrottle + SkippedOnError) / Attempted;
}
