using SignalFidelity.Core.Reports;

namespace SignalFidelity.Worker.Checks;

/// <summary>One finished drift check: the report (the audit's model) and the files written; history and alerts read it.</summary>
/// <param name="Report">The measurement, as the audit reports it.</param>
/// <param name="Files">drift.md, drift.html, drift.json, then the listings.</param>
public sealed record DriftCheckResult(AuditReport Report, IReadOnlyList<string> Files)
{
    /// <summary>The one-page HTML report (the email's body, the Slack message's link).</summary>
    public string HtmlReport => Files[1];

    /// <summary>drifted.csv, which <c>sigfid heal</c> reads.</summary>
    public string DriftedListing => Path.Combine(Report.Listings!.Directory, AuditListings.DriftedFile);
}
