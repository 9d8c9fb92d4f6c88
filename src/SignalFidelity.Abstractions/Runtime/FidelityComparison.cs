namespace SignalFidelity.Runtime
{
    /// <summary>
    /// The outcome of comparing one record's fidelity fields in two systems: the drifted fields by their
    /// index in <see cref="IFidelityComparer{T}.FieldNames"/>. A struct over an inline word, so comparing a
    /// million pairs of an ordinary entity allocates nothing, with no limit on the number of fields.
    /// </summary>
    public readonly struct FidelityComparison
    {
        /// <summary>Creates a comparison result from the drifted fields.</summary>
        public FidelityComparison(FieldSet drifted) => Drifted = drifted;

        /// <summary>The fields outside their tolerance.</summary>
        public FieldSet Drifted { get; }

        /// <summary>True when any fidelity field is outside its tolerance.</summary>
        public bool IsDrifted => !Drifted.IsEmpty;

        /// <summary>True when the field at <paramref name="fieldIndex"/> is outside its tolerance.</summary>
        public bool HasDrifted(int fieldIndex) => Drifted.Contains(fieldIndex);
    }
}
