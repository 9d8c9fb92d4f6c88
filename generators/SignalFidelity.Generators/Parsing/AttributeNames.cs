namespace SignalFidelity.Generators.Parsing
{
    /// <summary>Metadata names of the topology vocabulary in SignalFidelity.Abstractions.</summary>
    internal static class AttributeNames
    {
        public const string Namespace = "SignalFidelity";
        public const string SyncEntity = "SignalFidelity.SyncEntityAttribute";
        public const string WebhookConsumer = "SignalFidelity.WebhookConsumerAttribute";
        public const string TopologyOwner = "SignalFidelity.TopologyOwnerAttribute";
        public const string VendorApi = "SignalFidelity.VendorApiAttribute";
        public const string OwnedBy = "OwnedByAttribute";
        public const string FlowsTo = "FlowsToAttribute";
        public const string FidelityField = "FidelityFieldAttribute";
        public const string DriftTolerance = "DriftToleranceAttribute";
        public const string FromWebhook = "FromWebhookAttribute";
    }
}
