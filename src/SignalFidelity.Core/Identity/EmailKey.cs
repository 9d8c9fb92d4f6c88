namespace SignalFidelity.Core.Identity;

/// <summary>
/// The canonical form of one email address: the key two systems are matched on. A value, never an
/// exception: an invalid address is a result with <see cref="Status"/> and <see cref="Problem"/>.
/// </summary>
/// <param name="Status">Whether a key was produced.</param>
/// <param name="Key">The canonical key when <see cref="Status"/> is <see cref="EmailKeyStatus.Valid"/> (or the cleaned relay address for <see cref="EmailKeyStatus.AppleRelay"/>).</param>
/// <param name="Problem">Why no key was produced, for reports; null when valid.</param>
public readonly record struct EmailKey(EmailKeyStatus Status, string? Key, string? Problem)
{
    /// <summary>True when <see cref="Key"/> can be used to match.</summary>
    public bool IsValid => Status == EmailKeyStatus.Valid;

    internal static EmailKey Valid(string key) => new(EmailKeyStatus.Valid, key, null);
    internal static EmailKey Missing() => new(EmailKeyStatus.Missing, null, "no email address");
    internal static EmailKey Invalid(string problem) => new(EmailKeyStatus.Invalid, null, problem);
    internal static EmailKey Relay(string address) =>
        new(EmailKeyStatus.AppleRelay, address, "Apple private relay address: matched by phone instead");
}
