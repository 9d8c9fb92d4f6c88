using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalFidelity.Analyzers.Model;

namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// SF0004: two [WebhookConsumer]s for one Shopify topic and destination. The consumers usually live
    /// in different files, so they are gathered during the compilation and judged at its end.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DuplicateConsumerAnalyzer : TopologyAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.DuplicateConsumer);

        private protected override void OnTopologyStart(CompilationStartAnalysisContext start, TopologySymbols symbols)
        {
            if (symbols.WebhookConsumer is null)
            {
                return;
            }

            var consumers = new List<ConsumerDeclaration>();
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var consumer = ConsumerDeclaration.TryRead((INamedTypeSymbol)symbolContext.Symbol, symbols, symbolContext.CancellationToken);
                    if (consumer is not null)
                    {
                        lock (consumers)
                        {
                            consumers.Add(consumer);
                        }
                    }
                },
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                ConsumerDeclaration[] snapshot;
                lock (consumers)
                {
                    snapshot = consumers.ToArray();
                }

                foreach (var group in snapshot.GroupBy(c => (Topic: c.Topic, c.Writes)).Where(g => g.Count() > 1))
                {
                    Report(end, symbols, group.OrderBy(c => c.Location, LocationOrder.Instance).ToList());
                }
            });
        }

        private static void Report(CompilationAnalysisContext context, TopologySymbols symbols, List<ConsumerDeclaration> consumers)
        {
            var names = string.Join(", ", consumers.Select(c => c.Name));
            foreach (var consumer in consumers)
            {
                var others = consumers.Where(other => !ReferenceEquals(other, consumer)).Select(other => other.Location);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateConsumer,
                    consumer.Location,
                    others,
                    consumer.Topic,
                    symbols.Systems.Name(consumer.Writes),
                    names));
            }
        }
    }
}
