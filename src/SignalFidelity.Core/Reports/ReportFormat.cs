using System.Globalization;

namespace SignalFidelity.Core.Reports;

/// <summary>Number formatting shared by the renderers (invariant culture, so reports diff cleanly).</summary>
internal static class ReportFormat
{
    /// <summary>Rows of each list the page shows; the listing files hold the rest.</summary>
    public const int PageRows = 10;

    /// <summary>Customers that drifted on a field (not missing, not unreadable): those drifted.csv lists.</summary>
    public static long FieldDrifted(AuditReport report) => report.Drift.DriftedCount - report.Drift.MissingCount - report.Drift.UnreadableCount;

    /// <summary>"... and 12 more in drifted.csv." when the page shows fewer than all, else null.</summary>
    public static string? More(AuditReport report, long total, int shown, string file)
    {
        if (total <= shown) return null;
        var rest = Count(total - shown);
        return report.Listings is null
            ? $"... and {rest} more (not listed: this run wrote no listing files)."
            : $"... and {rest} more in {file}.";
    }

    public static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Interval((double Low, double High) ci) => $"{Percent(ci.Low)} to {Percent(ci.High)}";

    public static string SampleDescription(AuditReport report) => report.Drift.WholePopulation || report.Drift.SampleSize == report.Drift.PopulationSize
        ? $"All {Count(report.Drift.SampleSize)} Shopify customers"
        : $"Random sample of {Count(report.Drift.SampleSize)} of {Count(report.Drift.PopulationSize)} Shopify customers (seed {report.Drift.Seed})";

    public static string Verdict(double driftPercent) => driftPercent switch
    {
        <= 2 => "at or below the 2% baseline a governed sync holds",
        <= 5 => "above the 2% baseline, below the 5% alert line",
        _ => "above the 5% alert line: the CRM is not a reliable copy of Shopify",
    };
}
