namespace SignalFidelity
{
    /// <summary>How records of one entity in two systems are recognised as the same person.</summary>
    public enum IdentityRule
    {
        /// <summary>
        /// Match on the canonical email key (trimmed, lower-cased, provider sub-addressing removed);
        /// when the email cannot be matched (an Apple private relay address, or none), match on the
        /// phone number in E.164.
        /// </summary>
        CanonicalEmailThenPhone = 0,

        /// <summary>Match on the canonical email key only; records without a usable email are unmatched.</summary>
        CanonicalEmail = 1,

        /// <summary>Match on the phone number in E.164 only.</summary>
        Phone = 2,
    }
}
