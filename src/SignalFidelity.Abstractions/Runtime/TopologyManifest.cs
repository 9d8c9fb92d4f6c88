using System;
using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// The compiled topology as static data, emitted by the generator: what the lock file, the topology
    /// document, CODEOWNERS, the audit and the worker read.
    /// </summary>
    public sealed class TopologyManifest
    {
        /// <summary>Creates a manifest.</summary>
        public TopologyManifest(
            TopologyOwnerInfo? owner,
            IReadOnlyList<VendorApiInfo> vendorApis,
            IReadOnlyList<EntityInfo> entities,
            IReadOnlyList<ConsumerInfo> consumers,
            IReadOnlyList<ExternalWriterInfo>? externalWriters = null)
        {
            ExternalWriters = externalWriters ?? Array.Empty<ExternalWriterInfo>();
            Owner = owner;
            VendorApis = vendorApis;
            Entities = entities;
            Consumers = consumers;
        }

        /// <summary>The named owner and backup, or null when none is declared.</summary>
        public TopologyOwnerInfo? Owner { get; }

        /// <summary>Pinned vendor API versions, ordered by system.</summary>
        public IReadOnlyList<VendorApiInfo> VendorApis { get; }

        /// <summary>Synchronised entities, ordered by name.</summary>
        public IReadOnlyList<EntityInfo> Entities { get; }

        /// <summary>Webhook consumers, ordered by topic then destination.</summary>
        public IReadOnlyList<ConsumerInfo> Consumers { get; }

        /// <summary>Integrations outside SignalFidelity that write properties, ordered by system then name.</summary>
        public IReadOnlyList<ExternalWriterInfo> ExternalWriters { get; }
    }
}
