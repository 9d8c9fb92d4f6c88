using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>An integration outside SignalFidelity that writes properties of a system (<c>[assembly: ExternalWriter]</c>).</summary>
    public sealed class ExternalWriterInfo
    {
        /// <summary>Creates the declaration.</summary>
        public ExternalWriterInfo(string name, SyncSystem system, IReadOnlyList<string> properties)
        {
            Name = name;
            System = system;
            Properties = properties;
        }

        /// <summary>What the team calls the integration.</summary>
        public string Name { get; }

        /// <summary>The system whose properties it writes.</summary>
        public SyncSystem System { get; }

        /// <summary>The property names it writes, as declared.</summary>
        public IReadOnlyList<string> Properties { get; }
    }
}
