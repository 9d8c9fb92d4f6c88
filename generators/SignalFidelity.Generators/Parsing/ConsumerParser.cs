using System.Threading;
using Microsoft.CodeAnalysis;
using SignalFidelity.Generators.Model;

namespace SignalFidelity.Generators.Parsing
{
    /// <summary>Turns a [WebhookConsumer] partial class into a <see cref="ConsumerModel"/>.</summary>
    internal static class ConsumerParser
    {
        public static ConsumerModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            // Nested or generic consumers cannot be completed by a top-level partial declaration; skip them.
            if (context.TargetSymbol is not INamedTypeSymbol type
                || type.IsGenericType
                || type.ContainingType is not null
                || context.Attributes.Length == 0)
            {
                return null;
            }

            AttributeData attribute = context.Attributes[0];
            if (attribute.Positional<string>(0) is not { Length: > 0 } topic)
            {
                return null;
            }

            var (writes, writesOrder) = attribute.NamedEnum("Writes", "Klaviyo", 1);
            return new ConsumerModel(
                // Compared as Shopify sends it (trimmed, lower-case), exactly as the analyzer compares it.
                TopologyReading.TopologyNames.Topic(topic),
                writes,
                writesOrder,
                SymbolReading.NamespaceOf(type),
                type.Name,
                type.ToDisplayString(),
                type.IsStatic);
        }
    }
}
