namespace SignalFidelity.Core.Reports;

/// <summary>
/// A customer who drifted in this check and in one of the two checks before it (healed in between or not): something
/// outside the topology keeps writing the field at run time, so a heal alone will not hold.
/// </summary>
/// <param name="CustomerId">The Shopify customer id, as <c>drifted.csv</c> lists it.</param>
/// <param name="Fields">The fields drifted in this check, in words.</param>
/// <param name="EarlierCheckAt">When the latest earlier check that found the customer drifted ran.</param>
public sealed record RunTimeContest(string CustomerId, IReadOnlyList<string> Fields, DateTimeOffset EarlierCheckAt)
{
    /// <summary>How many earlier checks of the same CRM are looked at.</summary>
    public const int Window = 2;

    /// <summary>The earlier check's time as the pages print it ("2026-12-07 06:00 UTC").</summary>
    public string EarlierCheckText => EarlierCheckAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"customer 4: Total spent (drifted in the check of 2026-12-07 06:00 UTC too)", for messages.</summary>
    public string Describe() => $"customer {CustomerId}: {string.Join(", ", Fields)} (drifted in the check of {EarlierCheckText} too)";
}
