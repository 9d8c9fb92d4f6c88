namespace SignalFidelity.Core.Identity;

/// <summary>
/// The mail providers whose sub-addressing the identity rule undoes. Only providers that document
/// delivering <c>name+anything@domain</c> to <c>name@domain</c> are listed: on any other domain the
/// <c>+tag</c> may be part of a real, different mailbox (many company servers treat <c>+</c> literally),
/// so it is kept. The list is documented in README.md ("Auditing exports").
/// </summary>
public static class SubaddressingProviders
{
    /// <summary>Gmail's domains: one mailbox namespace where dots in the local part are also ignored.</summary>
    public static IReadOnlySet<string> GmailDomains { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "gmail.com", "googlemail.com" };

    /// <summary>The domain googlemail.com addresses are folded into.</summary>
    public const string GmailCanonicalDomain = "gmail.com";

    /// <summary>
    /// Domains that deliver <c>+tag</c> to the base mailbox (dots stay significant). Deliberately absent:
    /// Yahoo (its disposable addresses use <c>-</c> with a separate base name, so neither <c>+</c> nor
    /// <c>-</c> can be undone), AOL, GMX/web.de and custom domains.
    /// </summary>
    public static IReadOnlySet<string> PlusTagDomains { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        // Google
        "gmail.com", "googlemail.com",
        // Microsoft consumer mail (plus addressing since 2020)
        "outlook.com", "hotmail.com", "live.com", "msn.com", "hotmail.co.uk", "live.co.uk", "outlook.co.uk",
        "hotmail.fr", "live.fr", "outlook.fr", "hotmail.de", "outlook.de", "hotmail.it", "hotmail.es",
        // Apple iCloud (me.com and mac.com are older iCloud domains; they are not folded together because
        // not every account owns all three names)
        "icloud.com", "me.com", "mac.com",
        // Fastmail
        "fastmail.com", "fastmail.fm",
        // Proton
        "protonmail.com", "protonmail.ch", "proton.me", "pm.me",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GmailLookup =
        ((HashSet<string>)GmailDomains).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PlusTagLookup =
        ((HashSet<string>)PlusTagDomains).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True for a lower-case Gmail domain, without allocating.</summary>
    public static bool IsGmail(ReadOnlySpan<char> lowerDomain) => GmailLookup.Contains(lowerDomain);

    /// <summary>True for a lower-case domain that delivers <c>+tag</c> to the base mailbox, without allocating.</summary>
    public static bool HonoursPlusTag(ReadOnlySpan<char> lowerDomain) => PlusTagLookup.Contains(lowerDomain);

    /// <summary>Apple's "Hide My Email" relay domain.</summary>
    public const string AppleRelayDomain = "privaterelay.appleid.com";
}
