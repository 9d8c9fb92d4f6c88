namespace SignalFidelity.Runtime
{
    /// <summary>
    /// The outcome of comparing one record's fidelity fields in two systems: a bit per field, in the
    /// order of <see cref="IFidelityComparer{T}.FieldNames"/>. A struct so that comparing a million
    /// pairs allocates nothing.
    /// </summary>
    public readonly struct FidelityComparison
    {
        /// <summary>Creates a comparison result from the drifted-field bits.</summary>
        public FidelityComparison(uint driftedMask) => DriftedMask = driftedMask;

        /// <summary>Bit <c>i</c> is set when field <c>i</c> is outside its tolerance.</summary>
        public uint DriftedMask { get; }

        /// <summary>True when any fidelity field is outside its tolerance.</summary>
        public bool IsDrifted => DriftedMask != 0;

        /// <summary>True when the field at <paramref name="fieldIndex"/> is outside its tolerance.</summary>
        public bool HasDrifted(int fieldIndex) => (DriftedMask & (1u << fieldIndex)) != 0;
    }
}
