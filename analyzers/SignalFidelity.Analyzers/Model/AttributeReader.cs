using System.Threading;
using Microsoft.CodeAnalysis;

namespace SignalFidelity.Analyzers.Model
{
    /// <summary>
    /// Reads attribute arguments defensively: half-typed code gives missing arguments, error types and
    /// values of the wrong kind, and none of that may throw.
    /// </summary>
    internal static class AttributeReader
    {
        public static int? ConstructorInt(AttributeData attribute, int index)
        {
            var arguments = attribute.ConstructorArguments;
            if (index >= arguments.Length || arguments[index].Kind == TypedConstantKind.Array)
            {
                return null;
            }

            return arguments[index].Value is int value ? value : (int?)null;
        }

        public static string? ConstructorString(AttributeData attribute, int index)
        {
            var arguments = attribute.ConstructorArguments;
            if (index >= arguments.Length || arguments[index].Kind == TypedConstantKind.Array)
            {
                return null;
            }

            return arguments[index].Value as string;
        }

        /// <summary>The strings of a <c>params string[]</c> argument; empty when it is missing or not yet an array of strings.</summary>
        public static System.Collections.Generic.IEnumerable<string> ConstructorStrings(AttributeData attribute, int index)
        {
            var arguments = attribute.ConstructorArguments;
            if (index >= arguments.Length || arguments[index].Kind != TypedConstantKind.Array || arguments[index].IsNull)
            {
                yield break;
            }

            foreach (var element in arguments[index].Values)
            {
                if (element.Kind != TypedConstantKind.Array && element.Value is string text)
                {
                    yield return text;
                }
            }
        }

        public static TypedConstant? Named(AttributeData attribute, string name)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Kind != TypedConstantKind.Array)
                {
                    return pair.Value;
                }
            }

            return null;
        }

        public static string? NamedString(AttributeData attribute, string name) => Named(attribute, name)?.Value as string;

        public static int? NamedInt(AttributeData attribute, string name) =>
            Named(attribute, name)?.Value is int value ? value : (int?)null;

        /// <summary>Where the attribute is written; falls back to the symbol when the syntax is gone.</summary>
        public static Location Location(AttributeData attribute, ISymbol fallback, CancellationToken cancellationToken)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            if (syntax is not null)
            {
                return syntax.GetLocation();
            }

            return fallback.Locations.Length > 0 ? fallback.Locations[0] : Microsoft.CodeAnalysis.Location.None;
        }
    }
}
