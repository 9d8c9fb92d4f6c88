namespace SignalFidelity.Core.Identity;

/// <summary>
/// The identity rule, applied the same way by the audit, the mappers and the worker: the canonical email
/// key first; an Apple relay address or a missing/invalid email falls back to the phone in E.164 (under
/// <see cref="IdentityRule.CanonicalEmailThenPhone"/>). Thread-safe; never throws on bad data.
/// </summary>
public sealed class IdentityResolver
{
    /// <summary>Creates a resolver.</summary>
    public IdentityResolver(IdentityRule rule = IdentityRule.CanonicalEmailThenPhone, string defaultPhoneRegion = "US")
    {
        Rule = rule;
        Phones = new PhoneNormalizer(defaultPhoneRegion);
    }

    /// <summary>The rule applied.</summary>
    public IdentityRule Rule { get; }

    /// <summary>The phone normaliser (and its default region).</summary>
    public PhoneNormalizer Phones { get; }

    /// <summary>Resolves the key of a record from its email and phone as stored.</summary>
    public MatchKey Resolve(string? email, string? phone) => Resolve(email.AsSpan(), phone);

    /// <summary>
    /// Resolves from an email span; the phone is parsed only when the email cannot serve (phone parsing
    /// is the expensive step, and most customers have a usable email).
    /// </summary>
    public MatchKey Resolve(ReadOnlySpan<char> email, string? phone)
    {
        var emailKey = Rule == IdentityRule.Phone ? default : EmailCanonicalizer.Canonicalize(email);
        if (Rule != IdentityRule.Phone && emailKey.IsValid)
            return new MatchKey(MatchKeyKind.Email, emailKey.Key, emailKey, null);

        if (Rule == IdentityRule.CanonicalEmail)
            return new MatchKey(MatchKeyKind.None, null, emailKey, emailKey.Status == EmailKeyStatus.AppleRelay
                ? "Apple relay address and the identity rule matches by email only"
                : "email: " + emailKey.Problem);

        var phoneKey = Phones.Normalize(phone);
        if (phoneKey.IsValid)
            return new MatchKey(MatchKeyKind.Phone, phoneKey.E164, emailKey, null);

        var emailPart = Rule == IdentityRule.Phone ? "" : (emailKey.Status == EmailKeyStatus.AppleRelay
            ? "Apple relay address, "
            : "email: " + emailKey.Problem + ", ");
        return new MatchKey(MatchKeyKind.None, null, emailKey, emailPart + "phone: " + phoneKey.Problem);
    }
}
