using SignalFidelity.Core.Csv;

namespace SignalFidelity.Core.Tests.Csv;

public sealed class TimestampParserTests
{
    [Theory]
    [InlineData("2026-03-01 10:15:30 -0500", "2026-03-01T15:15:30Z")]
    [InlineData("2026-03-01 10:15:30 +0100", "2026-03-01T09:15:30Z")]
    [InlineData("2026-03-01 10:15:30 -05:00", "2026-03-01T15:15:30Z")]
    [InlineData("2026-03-01T10:15:30Z", "2026-03-01T10:15:30Z")]
    [InlineData("2026-03-01T10:15:30.123+00:00", "2026-03-01T10:15:30.123Z")]
    [InlineData("2026-03-01 10:15:30", "2026-03-01T10:15:30Z")]
    [InlineData("2026-03-01", "2026-03-01T00:00:00Z")]
    public void Reads_export_timestamps(string raw, string utc)
    {
        Assert.True(TimestampParser.TryParse(raw, out var value, out var problem), problem);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("03/01/2026")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01 10:00:00")]
    public void Refuses_what_it_would_have_to_guess(string raw)
    {
        Assert.False(TimestampParser.TryParse(raw, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }
}
