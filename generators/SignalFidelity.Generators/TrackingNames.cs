namespace SignalFidelity.Generators
{
    /// <summary>
    /// Names of the pipeline steps, so tests can assert why each step ran (Cached, Unchanged, Modified).
    /// </summary>
    public static class TrackingNames
    {
        /// <summary>[SyncEntity] records turned into models.</summary>
        public const string Entities = nameof(Entities);

        /// <summary>The entities' small summaries that webhook consumers depend on.</summary>
        public const string EntitySummaries = nameof(EntitySummaries);

        /// <summary>[WebhookConsumer] classes turned into models.</summary>
        public const string Consumers = nameof(Consumers);

        /// <summary>Consumers paired with the entity summaries.</summary>
        public const string ConsumersWithEntities = nameof(ConsumersWithEntities);

        /// <summary>The [TopologyOwner] declaration.</summary>
        public const string Owner = nameof(Owner);

        /// <summary>The [VendorApi] pins.</summary>
        public const string VendorApis = nameof(VendorApis);

        /// <summary>The [ExternalWriter] declarations.</summary>
        public const string ExternalWriters = nameof(ExternalWriters);

        /// <summary>All consumers, for the router.</summary>
        public const string RouterInput = nameof(RouterInput);

        /// <summary>Everything the manifest holds.</summary>
        public const string ManifestInput = nameof(ManifestInput);
    }
}
