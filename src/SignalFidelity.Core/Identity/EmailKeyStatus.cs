namespace SignalFidelity.Core.Identity;

/// <summary>What canonicalising an email address found.</summary>
public enum EmailKeyStatus
{
    /// <summary>A usable match key was produced.</summary>
    Valid,

    /// <summary>No address was given (null, empty or blank).</summary>
    Missing,

    /// <summary>The text is not an email address; <see cref="EmailKey.Problem"/> says why.</summary>
    Invalid,

    /// <summary>
    /// An Apple "Hide My Email" relay address: unique per app and per person, so the same person has a
    /// different relay address in every system. It cannot be matched by email; match by phone instead.
    /// </summary>
    AppleRelay,
}
