namespace SignalFidelity.Core.Identity;

/// <summary>What normalising a phone number found.</summary>
public enum PhoneStatus
{
    /// <summary>A valid number, available in E.164.</summary>
    Valid,

    /// <summary>No number was given.</summary>
    Missing,

    /// <summary>Not a valid number for its region; <see cref="PhoneKey.Problem"/> says why.</summary>
    Invalid,
}

/// <summary>A phone number in E.164 (<c>+16502530000</c>) or the reason there is none. Never an exception.</summary>
/// <param name="Status">Whether a number was produced.</param>
/// <param name="E164">The number in E.164 when valid.</param>
/// <param name="Problem">Why no number was produced; null when valid.</param>
public readonly record struct PhoneKey(PhoneStatus Status, string? E164, string? Problem)
{
    /// <summary>True when <see cref="E164"/> can be used to match.</summary>
    public bool IsValid => Status == PhoneStatus.Valid;
}
