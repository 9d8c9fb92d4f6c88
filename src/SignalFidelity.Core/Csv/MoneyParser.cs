using System.Globalization;

namespace SignalFidelity.Core.Csv;

/// <summary>A parsed amount or the named reason it was refused.</summary>
/// <param name="Value">The amount when <see cref="Problem"/> is null.</param>
/// <param name="Problem">Why the text was refused; null on success.</param>
public readonly record struct MoneyParseResult(decimal Value, string? Problem)
{
    /// <summary>True when the text was read unambiguously.</summary>
    public bool Ok => Problem is null;
}

/// <summary>
/// Reads money as exports write it: <c>1234.50</c>, <c>106.154</c>, <c>$1,234.50</c>, <c>1234,50</c>,
/// <c>1.234,50 €</c>, <c>USD 12.00</c>, <c>(12.50)</c>. A plain decimal (digits, at most one point, no
/// symbol) is read as written, whatever its number of decimals: that is how APIs and integrations write
/// numbers (a float total of <c>106.154</c>), and no locale writes a grouped amount without a symbol into
/// a machine export. Only text with a symbol, a currency code, a comma or spaces goes through the money
/// rules, where a value is parsed only when its reading is certain (<c>1,234</c> could be 1234 or 1.234,
/// so it is refused; so is <c>$1.234</c>). A currency other than the shop's is refused by name, never converted.
/// </summary>
public sealed class MoneyParser
{
    private static readonly Dictionary<string, string[]> SymbolCurrencies = new(StringComparer.Ordinal)
    {
        ["$"] = ["USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"],
        ["US$"] = ["USD"], ["C$"] = ["CAD"], ["CA$"] = ["CAD"], ["A$"] = ["AUD"], ["AU$"] = ["AUD"], ["NZ$"] = ["NZD"],
        ["€"] = ["EUR"], ["£"] = ["GBP"], ["¥"] = ["JPY", "CNY"], ["₹"] = ["INR"], ["kr"] = ["SEK", "NOK", "DKK"],
        ["CHF"] = ["CHF"], ["R$"] = ["BRL"], ["zł"] = ["PLN"],
    };

    /// <summary>Creates a parser for a shop whose currency is <paramref name="shopCurrency"/> (ISO 4217), or any currency when null.</summary>
    public MoneyParser(string? shopCurrency = null) => ShopCurrency = shopCurrency?.Trim().ToUpperInvariant();

    /// <summary>The shop currency amounts must be in; null accepts any marked currency.</summary>
    public string? ShopCurrency { get; }

    /// <summary>Parses one amount; never throws.</summary>
    public MoneyParseResult Parse(ReadOnlySpan<char> raw)
    {
        var text = raw.Trim();
        if (text.IsEmpty) return new(0, "empty amount");
        // What Shopify, CRMs and integrations write: a plain invariant decimal, any number of decimals.
        if (IsPlainDecimal(text) && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plain))
            return new(plain, null);

        var negative = false;
        if (text[0] == '(' && text[^1] == ')') { negative = true; text = text[1..^1].Trim(); }
        if (text.StartsWith("-")) { negative = !negative; text = text[1..].Trim(); }

        var currencyProblem = StripCurrency(ref text);
        if (currencyProblem is not null) return new(0, currencyProblem);
        if (text.StartsWith("-")) { negative = !negative; text = text[1..].Trim(); }
        if (text.IsEmpty) return new(0, "no digits");

        var number = Normalise(text, out var problem);
        if (number is null) return new(0, problem);
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return new(0, $"'{raw.ToString()}' is not an amount");
        return new(negative ? -value : value, null);
    }

    /// <summary>Parses one amount from a string; never throws.</summary>
    public MoneyParseResult Parse(string? raw) => Parse(raw.AsSpan());

    private static bool IsPlainDecimal(ReadOnlySpan<char> text)
    {
        var start = text[0] == '-' ? 1 : 0;
        if (start == text.Length) return false;
        var dots = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.') { if (++dots > 1) return false; }
            else if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }

    private string? StripCurrency(ref ReadOnlySpan<char> text)
    {
        string? marker = null;
        // A three-letter ISO code before or after the number.
        if (text.Length > 3 && char.IsAsciiLetterUpper(text[0]) && char.IsAsciiLetterUpper(text[1]) && char.IsAsciiLetterUpper(text[2]) && !char.IsAsciiDigit(text[2]) && (text[3] == ' ' || !char.IsAsciiLetter(text[3])) && !text.StartsWith("US$") && !text.StartsWith("CA$") && !text.StartsWith("AU$") && !text.StartsWith("NZ$"))
        { marker = text[..3].ToString(); text = text[3..].Trim(); }
        else if (text.Length > 3 && char.IsAsciiLetterUpper(text[^1]) && char.IsAsciiLetterUpper(text[^2]) && char.IsAsciiLetterUpper(text[^3]))
        { marker = text[^3..].ToString(); text = text[..^3].Trim(); }
        else
        {
            foreach (var symbol in SymbolCurrencies.Keys.OrderByDescending(k => k.Length))
            {
                if (text.StartsWith(symbol, StringComparison.Ordinal)) { marker = symbol; text = text[symbol.Length..].Trim(); break; }
                if (text.EndsWith(symbol, StringComparison.Ordinal)) { marker = symbol; text = text[..^symbol.Length].Trim(); break; }
            }
        }
        if (marker is null) return null;
        var currencies = SymbolCurrencies.TryGetValue(marker, out var byMarker) ? byMarker : [marker];
        if (ShopCurrency is not null && !currencies.Contains(ShopCurrency))
            return $"amount is in {string.Join("/", currencies)}, not the shop currency {ShopCurrency}; convert it before auditing";
        return null;
    }

    // Returns the number with '.' as the only decimal separator and no grouping, or null with the reason.
    private static string? Normalise(ReadOnlySpan<char> text, out string? problem)
    {
        problem = null;
        int dots = 0, commas = 0, lastDot = -1, lastComma = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.') { dots++; lastDot = i; }
            else if (c == ',') { commas++; lastComma = i; }
            else if (c is ' ' or '\u00A0' or '\u202F' or '\'') { /* grouping in fr-FR, de-CH */ }
            else if (!char.IsAsciiDigit(c)) { problem = $"'{text.ToString()}' contains '{c}', not an amount"; return null; }
        }
        var digits = text.ToString().Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Replace("'", "");
        if (dots > 0 && commas > 0)
        {
            // Both present: the later one is the decimal separator; the other must group by three.
            var decimalSep = lastDot > lastComma ? '.' : ',';
            var groupSep = decimalSep == '.' ? ',' : '.';
            if ((decimalSep == '.' ? dots : commas) > 1) { problem = $"'{text.ToString()}' has two decimal separators"; return null; }
            var integer = digits[..digits.LastIndexOf(decimalSep)];
            if (!GroupsOfThree(integer, groupSep)) { problem = $"'{text.ToString()}' groups digits irregularly"; return null; }
            return integer.Replace(groupSep.ToString(), "") + "." + digits[(digits.LastIndexOf(decimalSep) + 1)..];
        }
        var sepCount = dots + commas;
        if (sepCount == 0) return digits;
        var sep = dots > 0 ? '.' : ',';
        if (sepCount > 1)
        {
            // Only grouping: 1,234,567 or 1.234.567.
            if (!GroupsOfThree(digits, sep)) { problem = $"'{text.ToString()}' groups digits irregularly"; return null; }
            return digits.Replace(sep.ToString(), "");
        }
        var fraction = digits.Length - digits.IndexOf(sep) - 1;
        // "1,234" (or "$1.234") is 1234 in en-US and 1.234 in de-DE: refused rather than guessed.
        if (fraction == 3)
        {
            problem = $"'{text.ToString()}' is ambiguous: '{sep}' may group thousands or mark decimals; export plain amounts (1234.50)";
            return null;
        }
        return digits.Replace(sep, '.');
    }

    private static bool GroupsOfThree(string integer, char sep)
    {
        var parts = integer.Split(sep);
        if (parts[0].Length is 0 or > 3) return false;
        for (var i = 1; i < parts.Length; i++) if (parts[i].Length != 3) return false;
        return true;
    }
}
