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

    /// <summary>Canonicalises an address held in a span (a CSV field); one string is allocated, for the key.</summary>
    public static EmailKey Canonicalize(ReadOnlySpan<char> raw)
    {
        Span<char> buffer = stackalloc char[MaxAddressLength];
        var status = TryWriteKey(raw, buffer, out var written, out var problem);
        return status switch
        {
            EmailKeyStatus.Valid => EmailKey.Valid(new string(buffer[..written])),
            EmailKeyStatus.AppleRelay => EmailKey.Relay(new string(buffer[..written])),
            EmailKeyStatus.Missing => EmailKey.Missing(),
            _ => EmailKey.Invalid(problem!),
        };
    }

    /// <summary>
    /// Writes the canonical key (or, for an Apple relay address, the cleaned address) into
    /// <paramref name="destination"/> without allocating: for callers that only hash or compare the key.
    /// </summary>
    /// <param name="raw">The address as stored.</param>
    /// <param name="destination">At least 254 characters.</param>
    /// <param name="written">Characters written when the status is Valid or AppleRelay.</param>
    /// <param name="problem">Why there is no key, when the status is Invalid.</param>
    public static EmailKeyStatus TryWriteKey(ReadOnlySpan<char> raw, Span<char> destination, out int written, out string? problem)
    {
        written = 0;
        problem = null;
        var text = raw.Trim();
        // Exports from spreadsheets sometimes carry a "mailto:" prefix; it is never part of the address.
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) text = text[7..].Trim();
        if (text.IsEmpty) return EmailKeyStatus.Missing;
        if (text.Length > MaxAddressLength) return Invalid($"longer than {MaxAddressLength} characters", out problem);

        var at = text.IndexOf('@');
        if (at < 0) return Invalid("no '@'", out problem);
        if (text[(at + 1)..].Contains('@')) return Invalid("more than one '@'", out problem);
        var local = text[..at];
        var domain = text[(at + 1)..];
        if (local.IsEmpty) return Invalid("nothing before the '@'", out problem);
        if (domain.IsEmpty) return Invalid("nothing after the '@'", out problem);
        if (local.Length > MaxLocalLength) return Invalid($"local part longer than {MaxLocalLength} characters", out problem);

        var found = LocalPartProblem(local) ?? DomainProblem(domain);
        if (found is not null) return Invalid(found, out problem);

        var lowerLocal = destination[..local.Length];
        local.ToLowerInvariant(lowerLocal);
        Span<char> lowerDomain = stackalloc char[domain.Length];
        domain.ToLowerInvariant(lowerDomain);

        if (lowerDomain.SequenceEqual(SubaddressingProviders.AppleRelayDomain))
            return Write(EmailKeyStatus.AppleRelay, destination, local.Length, lowerDomain, out written);

        var isGmail = SubaddressingProviders.IsGmail(lowerDomain);
        var length = local.Length;
        if (isGmail || SubaddressingProviders.HonoursPlusTag(lowerDomain))
        {
            var plus = lowerLocal.IndexOf('+');
            if (plus >= 0) length = plus;
        }
        if (isGmail)
        {
            var kept = 0;
            for (var i = 0; i < length; i++) if (lowerLocal[i] != '.') destination[kept++] = lowerLocal[i];
            if (kept == 0) return Invalid("nothing left before the '@' once dots and the sub-address are removed", out problem);
            return Write(EmailKeyStatus.Valid, destination, kept, SubaddressingProviders.GmailCanonicalDomain, out written);
        }
        if (length == 0) return Invalid("nothing left before the '@' once the sub-address is removed", out problem);
        return Write(EmailKeyStatus.Valid, destination, length, lowerDomain, out written);
    }

    private static EmailKeyStatus Write(EmailKeyStatus status, Span<char> destination, int localLength, ReadOnlySpan<char> domain, out int written)
    {
        destination[localLength] = '@';
        domain.CopyTo(destination[(localLength + 1)..]);
        written = localLength + 1 + domain.Length;
        return status;
    }

    private static EmailKeyStatus Invalid(string why, out string? problem)
    {
        problem = why;
        return EmailKeyStatus.Invalid;
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
