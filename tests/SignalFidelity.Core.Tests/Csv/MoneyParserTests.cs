using SignalFidelity.Core.Csv;

namespace SignalFidelity.Core.Tests.Csv;

public sealed class MoneyParserTests
{
    [Theory]
    [InlineData("1234.50", "1234.50")]
    [InlineData("0", "0")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("$1,234.50", "1234.50")]
    [InlineData("$ 1,234.50", "1234.50")]
    [InlineData("1234,50", "1234.50")]
    [InlineData("1.234,50", "1234.50")]
    [InlineData("1 234,50", "1234.50")]
    [InlineData("1,234,567.89", "1234567.89")]
    [InlineData("1.234.567", "1234567")]
    [InlineData("USD 12.00", "12.00")]
    [InlineData("12.00 USD", "12.00")]
    [InlineData("(12.50)", "-12.50")]
    [InlineData("-$12.50", "-12.50")]
    [InlineData("US$99.99", "99.99")]
    [InlineData("  7.1  ", "7.1")]
    [InlineData("12,5", "12.5")]
    [InlineData("106.154", "106.154")]     // a float as an integration writes it: plain, so read as written
    [InlineData("1.234", "1.234")]
    [InlineData("-0.0049", "-0.0049")]
    public void Parses_unambiguous_amounts(string raw, string expected)
    {
        var result = new MoneyParser("USD").Parse(raw);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Value);
    }

    [Theory]
    [InlineData("1,234", "ambiguous")]
    [InlineData("$1.234", "ambiguous")]  // a symbol sends it through the money rules
    [InlineData("€1.234,50", "EUR")]
    [InlineData("1234.50 EUR", "EUR")]
    [InlineData("£12.00", "GBP")]
    [InlineData("12,34,567.00", "irregular")]
    [InlineData("1.2.3,4", "irregular")]
    [InlineData("12.5.0", "irregular")]
    [InlineData("abc", "not an amount")]
    [InlineData("", "empty")]
    [InlineData("12.50x", "not an amount")]
    public void Refuses_by_name_what_it_cannot_read_with_certainty(string raw, string reason)
    {
        var result = new MoneyParser("USD").Parse(raw);
        Assert.False(result.Ok);
        Assert.Contains(reason, result.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Any_currency_is_accepted_when_the_shop_currency_is_unknown()
    {
        var result = new MoneyParser().Parse("€1.234,50");
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(1234.50m, result.Value);
    }

    [Fact]
    public void Dollar_sign_fits_a_canadian_shop() => Assert.True(new MoneyParser("CAD").Parse("$5.00").Ok);
}
