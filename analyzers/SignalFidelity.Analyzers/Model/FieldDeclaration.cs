using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Analyzers.Model
{
    /// <summary>
    /// Where an attribute is written, found only when a diagnostic needs it: most fields are clean,
    /// and walking to the syntax of every attribute of every field is the analyzers' largest cost.
    /// </summary>
    internal abstract class WrittenAttribute
    {
        private readonly AttributeData attribute;
        private readonly ISymbol owner;
        private Location? location;

        protected WrittenAttribute(AttributeData attribute, ISymbol owner)
        {
            this.attribute = attribute;
            this.owner = owner;
        }

        public Location Location => location ??= AttributeReader.Location(attribute, owner, CancellationToken.None);
    }

    /// <summary>One <c>[OwnedBy]</c> as written: the owning system, its property name if given, and why.</summary>
    internal sealed class OwnerDeclaration : WrittenAttribute
    {
        public OwnerDeclaration(int system, string? property, string? why, AttributeData attribute, ISymbol owner)
            : base(attribute, owner)
        {
            System = system;
            Property = property;
            Why = why;
        }

        public int System { get; }

        public string? Property { get; }

        public string? Why { get; }
    }

    /// <summary>One <c>[FlowsTo]</c> as written: the destination system and property.</summary>
    internal sealed class FlowDeclaration : WrittenAttribute
    {
        public FlowDeclaration(int system, string property, AttributeData attribute, ISymbol owner)
            : base(attribute, owner)
        {
            System = system;
            Property = property;
        }

        public int System { get; }

        public string Property { get; }
    }

    /// <summary>One <c>[FromWebhook]</c> as written: the Shopify topic (normalised) and the path in its body.</summary>
    internal sealed class WebhookSourceDeclaration : WrittenAttribute
    {
        public WebhookSourceDeclaration(string topic, string path, AttributeData attribute, ISymbol owner)
            : base(attribute, owner)
        {
            Topic = topic;
            Path = path;
        }

        public string Topic { get; }

        public string Path { get; }
    }

    /// <summary>
    /// A property of a sync entity with its owners and flows, read once from its attributes. Attributes
    /// whose arguments are still being typed are left out rather than guessed.
    /// </summary>
    internal sealed class FieldDeclaration
    {
        private FieldDeclaration(
            IPropertySymbol property,
            ImmutableArray<OwnerDeclaration> owners,
            ImmutableArray<FlowDeclaration> flows,
            ImmutableArray<WebhookSourceDeclaration> sources)
        {
            Property = property;
            Owners = owners;
            Flows = flows;
            Sources = sources;
        }

        public IPropertySymbol Property { get; }

        /// <summary>"Customer.TotalSpent": how messages name the field.</summary>
        public string DisplayName => Property.ContainingType.Name + "." + Property.Name;

        public ImmutableArray<OwnerDeclaration> Owners { get; }

        public ImmutableArray<FlowDeclaration> Flows { get; }

        public ImmutableArray<WebhookSourceDeclaration> Sources { get; }

        /// <summary>
        /// Reads a property of a [SyncEntity] type; null for anything the generator does not sync (the shared
        /// <see cref="SyncedFields"/> rule: static, not public, set-only, compiler-made, indexers). SF0009
        /// reports those that carry topology attributes, so the other rules judge exactly the generated fields.
        /// </summary>
        public static FieldDeclaration? TryRead(IPropertySymbol property, TopologySymbols symbols, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SyncedFields.ShapeOf(property) != SyncedFieldShape.Synced || !symbols.IsSyncEntity(property.ContainingType))
            {
                return null;
            }

            // Three rules read every field: the reading is made once and shared (see TopologySymbols).
            return symbols.ReadOnce(property);
        }

        internal static FieldDeclaration Read(IPropertySymbol property, TopologySymbols symbols)
        {
            var owners = ImmutableArray.CreateBuilder<OwnerDeclaration>();
            var flows = ImmutableArray.CreateBuilder<FlowDeclaration>();
            var sources = ImmutableArray.CreateBuilder<WebhookSourceDeclaration>();
            foreach (var attribute in property.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.OwnedBy))
                {
                    var system = AttributeReader.ConstructorInt(attribute, 0);
                    if (system is not null)
                    {
                        owners.Add(new OwnerDeclaration(
                            system.Value,
                            AttributeReader.NamedString(attribute, "Property"),
                            AttributeReader.NamedString(attribute, "Why"),
                            attribute,
                            property));
                    }
                }
                else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.FlowsTo))
                {
                    var system = AttributeReader.ConstructorInt(attribute, 0);
                    var destination = TopologyNames.DestinationProperty(AttributeReader.ConstructorString(attribute, 1));
                    if (system is not null && destination.Length > 0)
                    {
                        flows.Add(new FlowDeclaration(system.Value, destination, attribute, property));
                    }
                }
                else if (symbols.FromWebhook is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.FromWebhook))
                {
                    var topic = TopologyNames.Topic(AttributeReader.ConstructorString(attribute, 0));
                    var path = TopologyNames.WebhookPath(AttributeReader.ConstructorString(attribute, 1));
                    if (topic.Length > 0 && path.Length > 0)
                    {
                        sources.Add(new WebhookSourceDeclaration(topic, path, attribute, property));
                    }
                }
            }

            return new FieldDeclaration(property, owners.ToImmutable(), flows.ToImmutable(), sources.ToImmutable());
        }

        /// <summary>True when any [OwnedBy] is written, even one whose arguments do not bind yet.</summary>
        public static bool HasAnyOwnedBy(IPropertySymbol property, TopologySymbols symbols)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.OwnedBy))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
