namespace SignalFidelity.Core.Identity;

/// <summary>Which identifier a <see cref="MatchKey"/> was built from.</summary>
public enum MatchKeyKind
{
    /// <summary>No usable identifier: the record cannot be matched; <see cref="MatchKey.Problem"/> says why.</summary>
    None,

    /// <summary>The canonical email key.</summary>
    Email,

    /// <summary>The phone number in E.164 (Apple relay address, or no usable email).</summary>
    Phone,
}

/// <summary>
/// The one key a person is matched on across systems: the canonical email (always holds an <c>@</c>) or
/// the phone in E.164 (always starts with <c>+</c>, never holds an <c>@</c>), so the two kinds can never
/// be equal and need no prefix (a prefix would cost a string per row and index entry).
/// </summary>
/// <param name="Kind">What the key was built from.</param>
/// <param name="Value">The key; null when <see cref="Kind"/> is None.</param>
/// <param name="Email">The email canonicalisation (status and problem) that led here.</param>
/// <param name="Problem">Why there is no key; null when there is one.</param>
public readonly record struct MatchKey(MatchKeyKind Kind, string? Value, EmailKey Email, string? Problem)
{
    /// <summary>True when the record can be matched.</summary>
    public bool HasValue => Kind != MatchKeyKind.None;

    /// <summary>True when the email was an Apple relay address (so the key, if any, is the phone).</summary>
    public bool IsAppleRelay => Email.Status == EmailKeyStatus.AppleRelay;

    /// <summary>The key, or a placeholder, for reports.</summary>
    public override string ToString() => Value ?? "(no key)";
}
