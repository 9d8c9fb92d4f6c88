using System.Globalization;

namespace SignalFidelity.Audit.Reviews;

/// <summary>
/// Klaviyo's revision lifecycle: a revision (an ISO date sent in the <c>revision</c> header) is stable for one year
/// from its date, deprecated the second year, and retired after two, when calls fail or fall forward
/// (https://developers.klaviyo.com/en/docs/api_versioning_and_deprecation_policy).
/// </summary>
public sealed record KlaviyoRevision(string Revision, DateOnly Released)
{
    /// <summary>How far ahead of retirement <c>sigfid review check</c> warns.</summary>
    public static readonly TimeSpan WarnAhead = TimeSpan.FromDays(90);

    public DateTimeOffset Deprecated => new(Released.AddYears(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset Retired => new(Released.AddYears(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Reads <c>2026-07-15</c> (a beta's <c>2026-07-15.pre</c> by its date).</summary>
    public static KlaviyoRevision Parse(string revision) =>
        DateOnly.TryParseExact(revision.Split('.')[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new KlaviyoRevision(revision, date)
            : throw new ReviewInputException($"Klaviyo revision '{revision}' is not a date like 2026-07-15; fix the connector's pinned revision.");
}
