namespace SignalFidelity.Core.Identity;

/// <summary>
/// Turns an email address as typed into its canonical match key: trimmed and lower-cased; Gmail dots and
/// <c>+tag</c> removed and googlemail.com folded into gmail.com; <c>+tag</c> removed for the providers in
/// <see cref="SubaddressingProviders.PlusTagDomains"/>. Send the address as given; match on the key.
/// </summary>
public static class EmailCanonicalizer
{
    // RFC 5321 limits: 64 characters of local part, 254 for the whole path.
    private const int MaxLocalLength = 64;
    private const int MaxAddressLength = 254;

    /// <summary>Canonicalises <paramref name="raw"/>; never throws.</summary>
    public static EmailKey Canonicalize(string? raw) => raw is null ? EmailKey.Missing() : Canonicalize(raw.AsSpan());

    /// <summary>Canonicalises an address held in a span (a CSV field) without an intermediate string.</summary>
    public static EmailKey Canonicalize(ReadOnlySpan<char> raw)
    {
        var text = raw.Trim();
        // Exports from spreadsheets sometimes carry a "mailto:" prefix; it is never part of the address.
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) text = text[7..].Trim();
        if (text.IsEmpty) return EmailKey.Missing();
        if (text.Length > MaxAddressLength) return EmailKey.Invalid($"longer than {MaxAddressLength} characters");

        var at = text.IndexOf('@');
        if (at < 0) return EmailKey.Invalid("no '@'");
        if (text[(at + 1)..].Contains('@')) return EmailKey.Invalid("more than one '@'");
        var local = text[..at];
        var domain = text[(at + 1)..];
        if (local.IsEmpty) return EmailKey.Invalid("nothing before the '@'");
        if (domain.IsEmpty) return EmailKey.Invalid("nothing after the '@'");
        if (local.Length > MaxLocalLength) return EmailKey.Invalid($"local part longer than {MaxLocalLength} characters");

        var problem = LocalPartProblem(local) ?? DomainProblem(domain);
        if (problem is not null) return EmailKey.Invalid(problem);

        var lowerDomain = domain.ToString().ToLowerInvariant();
        var lowerLocal = local.ToString().ToLowerInvariant();
        if (lowerDomain == SubaddressingProviders.AppleRelayDomain)
            return EmailKey.Relay(lowerLocal + "@" + lowerDomain);

        if (SubaddressingProviders.PlusTagDomains.Contains(lowerDomain))
        {
            var plus = lowerLocal.IndexOf('+');
            if (plus >= 0) lowerLocal = lowerLocal[..plus];
        }

        if (SubaddressingProviders.GmailDomains.Contains(lowerDomain))
        {
            lowerLocal = lowerLocal.Replace(".", "", StringComparison.Ordinal);
            lowerDomain = SubaddressingProviders.GmailCanonicalDomain;
        }

        if (lowerLocal.Length == 0) return EmailKey.Invalid("nothing left before the '@' once the sub-address is removed");
        return EmailKey.Valid(lowerLocal + "@" + lowerDomain);
    }

    private static string? LocalPartProblem(ReadOnlySpan<char> local)
    {
        if (local[0] == '.' || local[^1] == '.') return "local part starts or ends with '.'";
        if (local.Contains("..", StringComparison.Ordinal)) return "local part has '..'";
        foreach (var c in local)
        {
            if (char.IsWhiteSpace(c)) return "contains a space";
            if (c is '<' or '>' or '(' or ')' or '[' or ']' or ',' or ';' or ':' or '\\' or '"')
                return $"local part contains '{c}' (a display name or a list, not one address)";
            if (char.IsControl(c)) return "contains a control character";
        }
        return null;
    }

    private static string? DomainProblem(ReadOnlySpan<char> domain)
    {
        if (!domain.Contains('.')) return "domain has no '.'";
        if (domain[0] == '.' || domain[^1] == '.' || domain[0] == '-') return "domain starts or ends with '.' or '-'";
        if (domain.Contains("..", StringComparison.Ordinal)) return "domain has '..'";
        foreach (var c in domain)
        {
            // Letters of any script are allowed (internationalised domains as typed).
            if (!(char.IsLetterOrDigit(c) || c is '.' or '-')) return $"domain contains '{c}'";
        }
        return null;
    }
}
