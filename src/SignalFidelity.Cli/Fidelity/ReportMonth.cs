using System.Globalization;

namespace SignalFidelity.Cli.Fidelity;

/// <summary>A calendar month in UTC, as <c>--month YYYY-MM</c> names it: its first instant and the first of the next.</summary>
internal sealed record ReportMonth(int Year, int Month)
{
    public DateTimeOffset From => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Until => From.AddMonths(1);

    public ReportMonth Previous => new(From.AddMonths(-1).Year, From.AddMonths(-1).Month);

    public string Name => From.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The month <paramref name="text"/> names, or the reason it names none (a month not begun by <paramref name="now"/> included).</summary>
    public static ReportMonth? Parse(string? text, DateTimeOffset now, out string? problem)
    {
        problem = null;
        if (text is not { Length: 7 } || text[4] != '-'
            || !DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            problem = $"--month is '{text}'; give a calendar month as YYYY-MM (for example {now.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture)} for last month).";
            return null;
        }

        var month = new ReportMonth(parsed.Year, parsed.Month);
        if (month.From > now)
        {
            problem = $"--month {month.Name} has not begun yet (it is {now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} UTC); give this month or an earlier one.";
            return null;
        }

        return month;
    }
}
