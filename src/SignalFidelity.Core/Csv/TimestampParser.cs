using System.Globalization;

namespace SignalFidelity.Core.Csv;

/// <summary>
/// Reads timestamps as Shopify (<c>2026-03-01 10:15:30 -0500</c>) and CRMs (ISO 8601) export them.
/// A timestamp without an offset is taken as UTC (stated in README.md); anything else is refused, not guessed.
/// </summary>
public static class TimestampParser
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zz", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "yyyy-MM-dd HH:mm:ssZ", "yyyy-MM-dd HH:mm:ss UTC",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>Parses <paramref name="raw"/>; returns false with the reason on failure.</summary>
    public static bool TryParse(ReadOnlySpan<char> raw, out DateTimeOffset value, out string? problem)
    {
        problem = null;
        var text = raw.Trim();
        if (text.IsEmpty) { value = default; problem = "empty timestamp"; return false; }
        if (TryParseFixedLayout(text, out value)) return true;
        // Shopify writes offsets as -0500; .NET's zzz wants -05:00.
        if (text.Length > 10 && text[^5] is '+' or '-' && char.IsAsciiDigit(text[^4]) && char.IsAsciiDigit(text[^1]) && text[^3] != ':')
        {
            Span<char> buffer = stackalloc char[text.Length + 1];
            text[..^2].CopyTo(buffer);
            buffer[text.Length - 2] = ':';
            text[^2..].CopyTo(buffer[(text.Length - 1)..]);
            if (DateTimeOffset.TryParseExact(buffer, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)) return true;
        }
        else if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)) return true;
        problem = $"'{raw.ToString()}' is not a timestamp (expected 2026-03-01 10:15:30 -0500 or ISO 8601)";
        return false;
    }

    /// <summary>
    /// The two layouts exports actually use, read digit by digit (TryParseExact over a format list costs
    /// microseconds, and an order export has millions of rows): <c>yyyy-MM-dd HH:mm:ss ±hhmm</c> (Shopify)
    /// and <c>yyyy-MM-ddTHH:mm:ssZ</c> / <c>±hh:mm</c> (ISO 8601). Anything else goes the slow, general way.
    /// </summary>
    private static bool TryParseFixedLayout(ReadOnlySpan<char> t, out DateTimeOffset value)
    {
        value = default;
        if (t.Length < 20 || t[4] != '-' || t[7] != '-' || t[13] != ':' || t[16] != ':' || t[10] is not (' ' or 'T')) return false;
        if (!Digits(t, 0, 4, out var year) || !Digits(t, 5, 2, out var month) || !Digits(t, 8, 2, out var day)
            || !Digits(t, 11, 2, out var hour) || !Digits(t, 14, 2, out var minute) || !Digits(t, 17, 2, out var second)) return false;
        var rest = t[19..].TrimStart(' ');
        int offsetMinutes;
        if (rest is ['Z']) offsetMinutes = 0;
        else if (rest.Length is 5 or 6 && rest[0] is '+' or '-')
        {
            var colon = rest.Length == 6;
            if (colon && rest[3] != ':') return false;
            if (!Digits(rest, 1, 2, out var oh) || !Digits(rest, colon ? 4 : 3, 2, out var om)) return false;
            offsetMinutes = (oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
        }
        else return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || Math.Abs(offsetMinutes) > 14 * 60) return false;
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes));
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> t, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = t[i] - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }
}
