using Microsoft.CodeAnalysis;

namespace SignalFidelity.Analyzers.Model
{
    /// <summary>
    /// The vocabulary's attribute types, resolved once per compilation. <see cref="TryCreate"/> returns
    /// null when SignalFidelity.Abstractions is not referenced, so analyzers cost nothing elsewhere.
    /// </summary>
    internal sealed class TopologySymbols
    {
        private TopologySymbols(
            INamedTypeSymbol syncEntity,
            INamedTypeSymbol ownedBy,
            INamedTypeSymbol flowsTo,
            INamedTypeSymbol? webhookConsumer,
            INamedTypeSymbol? topologyOwner)
        {
            SyncEntity = syncEntity;
            OwnedBy = ownedBy;
            FlowsTo = flowsTo;
            WebhookConsumer = webhookConsumer;
            TopologyOwner = topologyOwner;
        }

        public INamedTypeSymbol SyncEntity { get; }

        public INamedTypeSymbol OwnedBy { get; }

        public INamedTypeSymbol FlowsTo { get; }

        public INamedTypeSymbol? WebhookConsumer { get; }

        public INamedTypeSymbol? TopologyOwner { get; }

        public static TopologySymbols? TryCreate(Compilation compilation)
        {
            var syncEntity = compilation.GetTypeByMetadataName("SignalFidelity.SyncEntityAttribute");
            var ownedBy = compilation.GetTypeByMetadataName("SignalFidelity.OwnedByAttribute");
            var flowsTo = compilation.GetTypeByMetadataName("SignalFidelity.FlowsToAttribute");
            if (syncEntity is null || ownedBy is null || flowsTo is null)
            {
                return null;
            }

            return new TopologySymbols(
                syncEntity,
                ownedBy,
                flowsTo,
                compilation.GetTypeByMetadataName("SignalFidelity.WebhookConsumerAttribute"),
                compilation.GetTypeByMetadataName("SignalFidelity.TopologyOwnerAttribute"));
        }

        public bool IsSyncEntity(INamedTypeSymbol? type) => type is not null && Find(type, SyncEntity) is not null;

        public static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attributeType)
        {
            if (attributeType is null)
            {
                return null;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    return attribute;
                }
            }

            return null;
        }
    }
}
