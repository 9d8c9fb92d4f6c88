using PhoneNumbers;

namespace SignalFidelity.Core.Identity;

/// <summary>
/// Normalises phone numbers to E.164 with libphonenumber. Numbers written without a country code are
/// read in <see cref="DefaultRegion"/> (the store's home country). Thread-safe.
/// </summary>
public sealed class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Creates a normaliser for a store whose customers mostly live in <paramref name="defaultRegion"/>.</summary>
    /// <param name="defaultRegion">ISO 3166-1 alpha-2 region, for example <c>US</c> or <c>GB</c>.</param>
    /// <exception cref="ArgumentException">The region is not one libphonenumber knows (a configuration error, not bad data).</exception>
    public PhoneNormalizer(string defaultRegion = "US")
    {
        var region = defaultRegion.Trim().ToUpperInvariant();
        if (!Util.GetSupportedRegions().Contains(region))
            throw new ArgumentException($"'{defaultRegion}' is not a phone region libphonenumber knows; use an ISO 3166-1 alpha-2 code such as US or GB.", nameof(defaultRegion));
        DefaultRegion = region;
    }

    /// <summary>The region numbers without a country code are read in.</summary>
    public string DefaultRegion { get; }

    /// <summary>Normalises <paramref name="raw"/>; never throws.</summary>
    public PhoneKey Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return new PhoneKey(PhoneStatus.Missing, null, "no phone number");
        // Spreadsheet exports (Shopify's among them) prefix numbers with ' so Excel keeps the '+'.
        var text = raw.Trim().TrimStart('\'').Trim();
        if (text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) text = text[4..];
        if (text.Length == 0) return new PhoneKey(PhoneStatus.Missing, null, "no phone number");
        try
        {
            var number = Util.Parse(text, DefaultRegion);
            if (!Util.IsValidNumber(number))
            {
                var why = Util.IsPossibleNumber(number)
                    ? $"'{text}' has a possible length but is not a valid number in region {Util.GetRegionCodeForNumber(number) ?? DefaultRegion}"
                    : $"'{text}' is not a possible phone number (wrong length)";
                return new PhoneKey(PhoneStatus.Invalid, null, why);
            }
            return new PhoneKey(PhoneStatus.Valid, Util.Format(number, PhoneNumberFormat.E164), null);
        }
        catch (NumberParseException e)
        {
            return new PhoneKey(PhoneStatus.Invalid, null, $"'{text}' is not a phone number ({e.ErrorType})");
        }
    }
}
