using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// Compares an entity's <see cref="FidelityFieldAttribute"/> fields between the owner's snapshot and
    /// a destination's snapshot, applying each field's <see cref="DriftToleranceAttribute"/>.
    /// The generator emits one per entity.
    /// </summary>
    /// <typeparam name="T">The entity record.</typeparam>
    public interface IFidelityComparer<in T>
    {
        /// <summary>The fidelity fields' property names, in the index order of <see cref="FidelityComparison.Drifted"/>.</summary>
        IReadOnlyList<string> FieldNames { get; }

        /// <summary>Compares the fidelity fields of two snapshots of one person.</summary>
        /// <param name="expected">The snapshot holding each field's owner's value.</param>
        /// <param name="actual">The snapshot read from the destination.</param>
        FidelityComparison Compare(T expected, T actual);

        /// <summary>The value of a fidelity field formatted for reports (invariant culture), by field index.</summary>
        string? Format(T record, int fieldIndex);
    }
}
