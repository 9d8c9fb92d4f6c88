using System.Threading;
using Microsoft.CodeAnalysis;

namespace SignalFidelity.Analyzers.Model
{
    /// <summary>A <c>[WebhookConsumer(topic, Writes = ...)]</c> class as written.</summary>
    internal sealed class ConsumerDeclaration
    {
        /// <summary>WebhookConsumerAttribute.Writes defaults to Klaviyo.</summary>
        private const int DefaultWrites = 1;

        private ConsumerDeclaration(string name, string topic, int writes, Location location)
        {
            Name = name;
            Topic = topic;
            Writes = writes;
            Location = location;
        }

        public string Name { get; }

        public string Topic { get; }

        public int Writes { get; }

        public Location Location { get; }

        public static ConsumerDeclaration? TryRead(INamedTypeSymbol type, TopologySymbols symbols, CancellationToken cancellationToken)
        {
            var attribute = TopologySymbols.Find(type, symbols.WebhookConsumer);
            var topic = attribute is null ? null : AttributeReader.ConstructorString(attribute, 0);
            if (attribute is null || string.IsNullOrWhiteSpace(topic))
            {
                return null;
            }

            var writes = AttributeReader.Named(attribute, "Writes") is null ? DefaultWrites : AttributeReader.NamedInt(attribute, "Writes");
            if (writes is null)
            {
                return null;
            }

            return new ConsumerDeclaration(type.Name, TopologyReading.TopologyNames.Topic(topic), writes.Value, AttributeReader.Location(attribute, type, cancellationToken));
        }
    }
}
