using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Analyzers.Model
{
    /// <summary>
    /// One <c>[assembly: ExternalWriter(name, system, properties...)]</c> as written. Declarations whose
    /// name or system are still being typed are left out; property names that are not strings are skipped.
    /// </summary>
    internal sealed class ExternalWriterDeclaration : WrittenAttribute
    {
        private ExternalWriterDeclaration(string name, int system, ImmutableArray<string> properties, AttributeData attribute, ISymbol owner)
            : base(attribute, owner)
        {
            Name = name;
            System = system;
            Properties = properties;
        }

        public string Name { get; }

        public int System { get; }

        public ImmutableArray<string> Properties { get; }

        /// <summary>Every external writer the compiled assembly declares.</summary>
        public static IReadOnlyList<ExternalWriterDeclaration> ReadAll(Compilation compilation, TopologySymbols symbols, CancellationToken cancellationToken)
        {
            var writers = new List<ExternalWriterDeclaration>();
            if (symbols.ExternalWriter is null)
            {
                return writers;
            }

            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.ExternalWriter))
                {
                    continue;
                }

                var name = AttributeReader.ConstructorString(attribute, 0);
                var system = AttributeReader.ConstructorInt(attribute, 1);
                if (string.IsNullOrWhiteSpace(name) || system is null)
                {
                    continue;
                }

                var properties = ImmutableArray.CreateBuilder<string>();
                foreach (var property in AttributeReader.ConstructorStrings(attribute, 2))
                {
                    var trimmed = TopologyNames.DestinationProperty(property);
                    if (trimmed.Length > 0)
                    {
                        properties.Add(trimmed);
                    }
                }

                writers.Add(new ExternalWriterDeclaration(name!.Trim(), system.Value, properties.ToImmutable(), attribute, compilation.Assembly));
            }

            return writers;
        }
    }
}
