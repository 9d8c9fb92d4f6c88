using System.Collections.Generic;
using System.Linq;

namespace SignalFidelity.Generators.Model
{
    /// <summary>
    /// The fields one source system writes into one destination: what one typed mapper and its patch hold.
    /// Derived from the entity model at emit time, so it is not a pipeline value.
    /// </summary>
    internal sealed class MapperPair
    {
        private MapperPair(string source, string destination, int destinationOrder, IReadOnlyList<(FieldModel Field, IReadOnlyList<string> Properties)> fields)
        {
            Source = source;
            Destination = destination;
            DestinationOrder = destinationOrder;
            Fields = fields;
        }

        public string Source { get; }

        public string Destination { get; }

        public int DestinationOrder { get; }

        /// <summary>Each field in declaration order with the destination properties it is written to.</summary>
        public IReadOnlyList<(FieldModel Field, IReadOnlyList<string> Properties)> Fields { get; }

        /// <summary>The source-to-destination pairs of an entity, ordered by source then destination name.</summary>
        public static IReadOnlyList<MapperPair> From(EntityModel entity)
        {
            var pairs = new List<MapperPair>();
            var keys = entity.Fields
                .SelectMany(f => f.Flows.Select(flow => (Source: f.Owner, flow.Destination, flow.DestinationOrder)))
                .Where(k => k.Source != k.Destination)
                .Distinct()
                .OrderBy(k => k.Source, System.StringComparer.Ordinal)
                .ThenBy(k => k.DestinationOrder);

            foreach (var key in keys)
            {
                var fields = new List<(FieldModel, IReadOnlyList<string>)>();
                foreach (FieldModel field in entity.Fields)
                {
                    if (field.Owner != key.Source)
                    {
                        continue;
                    }

                    string[] properties = field.Flows.Where(f => f.Destination == key.Destination).Select(f => f.Property).ToArray();
                    if (properties.Length > 0)
                    {
                        fields.Add((field, properties));
                    }
                }

                pairs.Add(new MapperPair(key.Source, key.Destination, key.DestinationOrder, fields));
            }

            return pairs;
        }
    }
}
