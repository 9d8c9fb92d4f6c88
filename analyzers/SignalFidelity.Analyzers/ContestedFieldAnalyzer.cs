using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalFidelity.Analyzers.Model;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// SF0001: a field has two owners, a destination property is written by two flows, or a flow writes
    /// into a property another field owns. Two owners on one field is decided by the property alone and
    /// reported at once; the other writers can sit in different files and entities, so the fields are
    /// gathered during the compilation and judged once at its end. An <c>[assembly: ExternalWriter]</c> is one
    /// more writer of each property it names: a flow into one is contested at the flow and at the declaration.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ContestedFieldAnalyzer : TopologyAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.ContestedField, DiagnosticDescriptors.FieldWithTwoOwners);

        private protected override void OnTopologyStart(CompilationStartAnalysisContext start, TopologySymbols symbols)
        {
            var fields = new List<FieldDeclaration>();
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var field = FieldDeclaration.TryRead((IPropertySymbol)symbolContext.Symbol, symbols, symbolContext.CancellationToken);
                    if (field is null)
                    {
                        return;
                    }

                    if (field.Owners.Length > 1)
                    {
                        ReportFieldWithTwoOwners(symbolContext, symbols, field);
                    }

                    if (field.Owners.Length > 0 || field.Flows.Length > 0)
                    {
                        lock (fields)
                        {
                            fields.Add(field);
                        }
                    }
                },
                SymbolKind.Property);
            start.RegisterCompilationEndAction(end =>
            {
                FieldDeclaration[] snapshot;
                lock (fields)
                {
                    snapshot = fields.ToArray();
                }

                var external = ExternalWriterDeclaration.ReadAll(end.Compilation, symbols, end.CancellationToken);
                ReportContestedDestinations(end, symbols, snapshot, external);
            });
        }

        private static void ReportFieldWithTwoOwners(SymbolAnalysisContext context, TopologySymbols symbols, FieldDeclaration field)
        {
            var owners = field.Owners.OrderBy(owner => owner.Location, LocationOrder.Instance).ToList();
            var all = string.Join(", ", owners.Select(owner => "[OwnedBy(" + symbols.Systems.Name(owner.System) + ")]"));
            foreach (var owner in owners)
            {
                var others = owners.Where(other => !ReferenceEquals(other, owner)).Select(other => other.Location);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.FieldWithTwoOwners, owner.Location, others, "Field '" + field.DisplayName + "'", all));
            }
        }

        private static void ReportContestedDestinations(
            CompilationAnalysisContext context, TopologySymbols symbols, IEnumerable<FieldDeclaration> fields, IEnumerable<ExternalWriterDeclaration> external)
        {
            var byDestination = new Dictionary<DestinationKey, List<Writer>>();
            foreach (var writer in external)
            {
                // One writer per destination even when the declaration names a property twice.
                foreach (var property in writer.Properties.Distinct(TopologyNames.DestinationPropertyComparer))
                {
                    Add(byDestination, new DestinationKey(writer.System, property), Writer.External(writer));
                }
            }

            foreach (var field in fields)
            {
                foreach (var owner in field.Owners.Where(o => !string.IsNullOrWhiteSpace(o.Property)))
                {
                    Add(byDestination, new DestinationKey(owner.System, owner.Property!), Writer.Field(owner, field, isFlow: false));
                }

                foreach (var flow in field.Flows)
                {
                    // A flow back into the field's own owner is SF0005's concern, not a second writer here.
                    if (field.Owners.Any(owner => owner.System == flow.System))
                    {
                        continue;
                    }

                    Add(byDestination, new DestinationKey(flow.System, flow.Property), Writer.Field(flow, field, isFlow: true));
                }
            }

            foreach (var pair in byDestination)
            {
                var flows = pair.Value.Count(writer => writer.IsFlow);
                if (flows >= 2 || (flows == 1 && pair.Value.Count >= 2))
                {
                    Report(context, symbols.Systems.Name(pair.Key.System) + " property '" + pair.Key.Property + "'", pair.Value);
                }
            }
        }

        private static void Add(Dictionary<DestinationKey, List<Writer>> map, DestinationKey key, Writer writer)
        {
            if (!map.TryGetValue(key, out var writers))
            {
                writers = new List<Writer>();
                map.Add(key, writers);
            }

            writers.Add(writer);
        }

        /// <summary>Reports at every writer, the other writers as additional locations, in stable order.</summary>
        private static void Report(CompilationAnalysisContext context, string subject, List<Writer> writers)
        {
            writers.Sort((x, y) => LocationOrder.Instance.Compare(x.Location, y.Location));
            var all = string.Join(", ", writers.Select(writer => writer.Description));
            foreach (var writer in writers)
            {
                var others = writers.Where(other => !ReferenceEquals(other, writer)).Select(other => other.Location);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ContestedField, writer.Location, others, subject, all));
            }
        }

        /// <summary>
        /// One writer of a destination: a field's owner or flow, or an external writer. Its location and
        /// description are built only when it is part of a contest: finding the syntax of every attribute of a
        /// clean topology would be wasted work.
        /// </summary>
        private sealed class Writer
        {
            private readonly WrittenAttribute attribute;
            private readonly Func<string> describe;

            private Writer(WrittenAttribute attribute, Func<string> describe, bool isFlow)
            {
                this.attribute = attribute;
                this.describe = describe;
                IsFlow = isFlow;
            }

            public static Writer Field(WrittenAttribute attribute, FieldDeclaration declaration, bool isFlow) =>
                new Writer(attribute, () => declaration.DisplayName + (isFlow ? " flows into it" : " owns it"), isFlow);

            public static Writer External(ExternalWriterDeclaration writer) =>
                new Writer(writer, () => "external writer '" + writer.Name + "' writes it", isFlow: false);

            public Location Location => attribute.Location;

            public string Description => describe();

            public bool IsFlow { get; }
        }

        /// <summary>
        /// A destination property: system plus name, compared by the shared rule (ignoring case: the vendors
        /// treat names differing only in case as the same property or as a trap; HubSpot lower-cases).
        /// </summary>
        private readonly struct DestinationKey : IEquatable<DestinationKey>
        {
            public DestinationKey(int system, string property)
            {
                System = system;
                Property = TopologyNames.DestinationProperty(property);
            }

            public int System { get; }

            public string Property { get; }

            public bool Equals(DestinationKey other) =>
                System == other.System && TopologyNames.DestinationPropertyComparer.Equals(Property, other.Property);

            public override bool Equals(object? obj) => obj is DestinationKey other && Equals(other);

            public override int GetHashCode() => (System * 397) ^ TopologyNames.DestinationPropertyComparer.GetHashCode(Property);
        }
    }
}
