using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// A typed set of values one source system writes into one destination: only the fields the source
    /// owns and that flow there. Generated per entity and (source, destination) pair.
    /// </summary>
    public interface IDestinationPatch
    {
        /// <summary>The system that owns every value in the patch.</summary>
        SyncSystem Source { get; }

        /// <summary>The system the patch is written to.</summary>
        SyncSystem Destination { get; }

        /// <summary>The values under their destination property names, in declaration order.</summary>
        IReadOnlyList<KeyValuePair<string, object?>> ToProperties();
    }
}
