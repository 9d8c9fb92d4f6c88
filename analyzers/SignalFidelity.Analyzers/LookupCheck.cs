using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalFidelity.Analyzers.Model;
using SignalFidelity.Runtime;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// The SF0007 half that needs no snapshot: a <c>[FromWebhook(..., ResolveThrough = "object.field")]</c> names a
    /// lookup of <see cref="ShopifyLookups"/> (the GraphQL Admin read the worker runs), and the lookup's value fits
    /// the property. Read through the generator's <see cref="TopologyNames.Lookup"/>, so what is reported here is
    /// exactly what the generator skips. Half-typed arguments (not yet a string) are left alone.
    /// </summary>
    internal static class LookupCheck
    {
        public static void Analyze(SymbolAnalysisContext context, TopologySymbols symbols)
        {
            var property = (IPropertySymbol)context.Symbol;
            foreach (var attribute in symbols.FromWebhooksOn(property))
            {
                bool known = TopologyNames.Lookup(attribute, out string? written);
                if (!known && written is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UnknownLookup,
                        AttributeReader.Location(attribute, property, context.CancellationToken),
                        written,
                        Names(written)));
                }
                else if (known && ShopifyLookups.Find(written) is { } lookup && !Fits(lookup.Value, property.Type))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.LookupTypeMismatch,
                        AttributeReader.Location(attribute, property, context.CancellationToken),
                        lookup.Name,
                        Describe(lookup.Value),
                        property.ContainingType.Name + "." + property.Name,
                        property.Type.ToDisplayString(),
                        Suggest(lookup.Value)));
                }
            }
        }

        private static string Names(string wanted)
        {
            var names = new System.Collections.Generic.List<string>();
            foreach (var lookup in ShopifyLookups.All)
            {
                names.Add(lookup.Name);
            }

            return "'" + string.Join("', '", ShopifyWebhookSnapshot.Nearest(wanted, names, 3)) + "'";
        }

        private static bool Fits(ShopifyLookupValue value, ITypeSymbol type)
        {
            var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && nullable.TypeArguments.Length == 1
                ? nullable.TypeArguments[0]
                : type;
            switch (value)
            {
                case ShopifyLookupValue.Timestamp:
                    return underlying.SpecialType == SpecialType.System_DateTime
                        || underlying is { Name: "DateTimeOffset", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
                default:
                    return false;
            }
        }

        private static string Describe(ShopifyLookupValue value) =>
            value == ShopifyLookupValue.Timestamp ? "an ISO 8601 timestamp (GraphQL DateTime)" : value.ToString();

        private static string Suggest(ShopifyLookupValue value) =>
            value == ShopifyLookupValue.Timestamp ? "DateTimeOffset? or DateTime?" : "a matching type";
    }
}
