using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Analyzers.Model
{
    /// <summary>
    /// The vocabulary's attribute types, resolved once per compilation. <see cref="TryCreate"/> returns
    /// null when SignalFidelity.Abstractions is not referenced, so analyzers cost nothing elsewhere.
    /// </summary>
    /// <remarks>
    /// One instance per compilation is shared by all six analyzers (they run on the same compilation
    /// object), and it memoises what several rules read from the same symbol: whether a type is a sync
    /// entity (asked once per property by four rules) and a property's owners and flows (read by three).
    /// The cache lives exactly as long as the compilation.
    /// </remarks>
    internal sealed class TopologySymbols
    {
        private static readonly ConditionalWeakTable<Compilation, Holder> PerCompilation = new ConditionalWeakTable<Compilation, Holder>();
        private static readonly ConditionalWeakTable<Compilation, Holder>.CreateValueCallback Create = compilation => new Holder(Resolve(compilation));

        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> syncEntities =
            new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<IPropertySymbol, FieldDeclaration> fields =
            new ConcurrentDictionary<IPropertySymbol, FieldDeclaration>(SymbolEqualityComparer.Default);

        private TopologySymbols(
            INamedTypeSymbol syncEntity,
            INamedTypeSymbol ownedBy,
            INamedTypeSymbol flowsTo,
            INamedTypeSymbol? fromWebhook,
            INamedTypeSymbol? webhookConsumer,
            INamedTypeSymbol? topologyOwner,
            INamedTypeSymbol? externalWriter,
            SyncSystems systems)
        {
            ExternalWriter = externalWriter;
            FromWebhook = fromWebhook;
            Systems = systems;
            SyncEntity = syncEntity;
            OwnedBy = ownedBy;
            FlowsTo = flowsTo;
            WebhookConsumer = webhookConsumer;
            TopologyOwner = topologyOwner;
        }

        public INamedTypeSymbol SyncEntity { get; }

        public INamedTypeSymbol OwnedBy { get; }

        public INamedTypeSymbol FlowsTo { get; }

        public INamedTypeSymbol? FromWebhook { get; }

        public INamedTypeSymbol? WebhookConsumer { get; }

        /// <summary>The SyncSystem members as this compilation declares them: no rule lists vendors.</summary>
        public SyncSystems Systems { get; }

        public INamedTypeSymbol? TopologyOwner { get; }

        /// <summary>[assembly: ExternalWriter]; null with an Abstractions assembly older than the attribute.</summary>
        public INamedTypeSymbol? ExternalWriter { get; }

        /// <summary>The compilation's symbols, resolved by the first analyzer that asks; null when the vocabulary is not referenced.</summary>
        public static TopologySymbols? TryCreate(Compilation compilation) => PerCompilation.GetValue(compilation, Create).Symbols;

        /// <summary>The property's owners and flows, read once per compilation.</summary>
        internal FieldDeclaration ReadOnce(IPropertySymbol property) =>
            fields.TryGetValue(property, out var known) ? known : fields.GetOrAdd(property, FieldDeclaration.Read(property, this));

        private static TopologySymbols? Resolve(Compilation compilation)
        {
            var syncEntity = Type(compilation, VocabularyNames.SyncEntity);
            var ownedBy = Type(compilation, VocabularyNames.OwnedBy);
            var flowsTo = Type(compilation, VocabularyNames.FlowsTo);
            var systems = SyncSystems.From(compilation);
            if (syncEntity is null || ownedBy is null || flowsTo is null || systems is null)
            {
                return null;
            }

            return new TopologySymbols(
                syncEntity,
                ownedBy,
                flowsTo,
                Type(compilation, VocabularyNames.FromWebhook),
                Type(compilation, VocabularyNames.WebhookConsumer),
                Type(compilation, VocabularyNames.TopologyOwner),
                Type(compilation, VocabularyNames.ExternalWriter),
                systems);
        }

        private static INamedTypeSymbol? Type(Compilation compilation, string name) =>
            compilation.GetTypeByMetadataName(VocabularyNames.MetadataName(name));

        /// <summary>The <c>[FromWebhook]</c>s written on a property of a sync entity; none for any other property.</summary>
        public System.Collections.Generic.IEnumerable<AttributeData> FromWebhooksOn(IPropertySymbol property)
        {
            if (FromWebhook is null || !IsSyncEntity(property.ContainingType))
            {
                yield break;
            }

            foreach (var attribute in property.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, FromWebhook))
                {
                    yield return attribute;
                }
            }
        }

        public bool IsSyncEntity(INamedTypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (syncEntities.TryGetValue(type, out var known))
            {
                return known;
            }

            return syncEntities.GetOrAdd(type, Find(type, SyncEntity) is not null);
        }

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
    
        /// <summary>Boxes a possibly null result: a weak table cannot hold null values.</summary>
        private sealed class Holder
        {
            public Holder(TopologySymbols? symbols) => Symbols = symbols;

            public TopologySymbols? Symbols { get; }
        }
    }
}
