using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalFidelity.Analyzers.Model;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// SF0005: data flows outward from its owner only. Reported while typing: a field that flows into
    /// its own owner, and a consumer of a Shopify topic that writes Shopify (its own source). Reported
    /// at compilation end, once every field is known: a consumer writing a system into which no
    /// Shopify-owned field flows, since all it could write there are fields Shopify does not own.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FlowAgainstOwnershipAnalyzer : TopologyAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.FlowAgainstOwnership, DiagnosticDescriptors.ConsumerWithoutShopifyFields);

        private protected override void OnTopologyStart(CompilationStartAnalysisContext start, TopologySymbols symbols)
        {
            var state = new TopologyFlows(symbols);
            start.RegisterSymbolAction(symbolContext => AnalyzeField(symbolContext, symbols, state), SymbolKind.Property);
            start.RegisterSymbolAction(symbolContext => AnalyzeConsumer(symbolContext, symbols, state), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(state.ReportConsumersWithoutShopifyFields);
        }

        private static void AnalyzeField(SymbolAnalysisContext context, TopologySymbols symbols, TopologyFlows state)
        {
            var field = FieldDeclaration.TryRead((IPropertySymbol)context.Symbol, symbols, context.CancellationToken);
            if (field is null)
            {
                return;
            }

            state.SawEntityField();
            foreach (var flow in field.Flows)
            {
                var ownsDestination = false;
                var ownedByShopify = false;
                foreach (var owner in field.Owners)
                {
                    ownsDestination |= owner.System == flow.System;
                    ownedByShopify |= symbols.Systems.IsStore(owner.System);
                }

                if (ownsDestination)
                {
                    var system = symbols.Systems.Name(flow.System);
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.FlowAgainstOwnership,
                        flow.Location,
                        "Field '" + field.DisplayName + "' is owned by " + system + " and flows back into " + system + " ('" + flow.Property + "'); a field flows outward from its owner only"));
                }
                else if (ownedByShopify)
                {
                    state.ShopifyFieldFlowsTo(flow.System);
                }
            }

            ReportWebhookSourcesOfCrmFields(context, symbols, field);
        }

        /// <summary>
        /// A field the store does not own read from a Shopify webhook: the worker would overwrite the CRM's
        /// own value with Shopify's on every delivery, which is the last-writer-wins the topology exists to stop.
        /// </summary>
        private static void ReportWebhookSourcesOfCrmFields(SymbolAnalysisContext context, TopologySymbols symbols, FieldDeclaration field)
        {
            // No owner is SF0002's error, two is SF0001's; a store among them is the sources' rightful owner.
            if (field.Sources.Length == 0 || field.Owners.Length != 1 || symbols.Systems.IsStore(field.Owners[0].System))
            {
                return;
            }

            var owner = symbols.Systems.Name(field.Owners[0].System);
            foreach (var source in field.Sources)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.FlowAgainstOwnership,
                    source.Location,
                    "Field '" + field.DisplayName + "' is owned by " + owner + " but is read from Shopify topic '" + source.Topic + "' ('" + source.Path
                    + "'); only a field Shopify owns is read from its webhooks: remove [FromWebhook] or make " + SyncSystems.StoreName + " the owner"));
            }
        }

        private static void AnalyzeConsumer(SymbolAnalysisContext context, TopologySymbols symbols, TopologyFlows state)
        {
            var consumer = ConsumerDeclaration.TryRead((INamedTypeSymbol)context.Symbol, symbols, context.CancellationToken);
            if (consumer is null)
            {
                return;
            }

            if (symbols.Systems.IsStore(consumer.Writes))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.FlowAgainstOwnership,
                    consumer.Location,
                    "Consumer '" + consumer.Name + "' of Shopify topic '" + consumer.Topic + "' writes Shopify, the topic's own source; a Shopify webhook carries Shopify's fields outward, never back"));
                return;
            }

            state.AddConsumer(consumer);
        }

        /// <summary>What the compilation-end half of the rule needs; filled concurrently.</summary>
        private sealed class TopologyFlows
        {
            private readonly object gate = new object();
            private readonly HashSet<int> shopifyDestinations = new HashSet<int>();
            private readonly List<ConsumerDeclaration> consumers = new List<ConsumerDeclaration>();
            private readonly TopologySymbols symbols;
            private bool sawEntityField;

            public TopologyFlows(TopologySymbols symbols) => this.symbols = symbols;

            /// <summary>Called for every field: a plain write, since compilation end runs after all symbol actions.</summary>
            public void SawEntityField() => Volatile.Write(ref sawEntityField, true);

            public void ShopifyFieldFlowsTo(int system)
            {
                lock (gate)
                {
                    shopifyDestinations.Add(system);
                }
            }

            public void AddConsumer(ConsumerDeclaration consumer)
            {
                lock (gate)
                {
                    consumers.Add(consumer);
                }
            }

            public void ReportConsumersWithoutShopifyFields(CompilationAnalysisContext context)
            {
                lock (gate)
                {
                    // Without any declared field there is nothing to judge a consumer against yet.
                    if (!sawEntityField)
                    {
                        return;
                    }

                    foreach (var consumer in consumers)
                    {
                        if (!shopifyDestinations.Contains(consumer.Writes))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                DiagnosticDescriptors.ConsumerWithoutShopifyFields,
                                consumer.Location,
                                consumer.Name,
                                consumer.Topic,
                                symbols.Systems.Name(consumer.Writes)));
                        }
                    }
                }
            }
        }
    }
}
