namespace SignalFidelity.Runtime
{
    /// <summary>A flow of a field's value from its owner into a property of another system.</summary>
    public sealed class FlowInfo
    {
        /// <summary>Creates the flow record.</summary>
        public FlowInfo(SyncSystem destination, string property)
        {
            Destination = destination;
            Property = property;
        }

        /// <summary>The receiving system.</summary>
        public SyncSystem Destination { get; }

        /// <summary>The property name inside the receiving system.</summary>
        public string Property { get; }
    }
}
