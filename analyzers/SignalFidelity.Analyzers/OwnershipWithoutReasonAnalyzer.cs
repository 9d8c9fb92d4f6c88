using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalFidelity.Analyzers.Model;
using SignalFidelity.Runtime;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// SF0006 (warning): the usual split is Shopify owns transactional facts and the CRM owns lifecycle
    /// facts. A field that goes against it by its name or type needs <c>Why</c> written next to it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OwnershipWithoutReasonAnalyzer : TopologyAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.OwnershipWithoutReason);

        private protected override void OnTopologyStart(CompilationStartAnalysisContext start, TopologySymbols symbols)
        {
            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.Property);
        }

        private static void Analyze(SymbolAnalysisContext context, TopologySymbols symbols)
        {
            var field = FieldDeclaration.TryRead((IPropertySymbol)context.Symbol, symbols, context.CancellationToken);

            // Two owners is SF0001's error; judging which one is unusual would only add noise.
            if (field is null || field.Owners.Length != 1 || !string.IsNullOrWhiteSpace(field.Owners[0].Why))
            {
                return;
            }

            var owner = field.Owners[0];
            var kind = FieldWords.Classify(field.Property.Name, owner.Property, field.Property.Type);
            if (kind == FieldKind.Transactional && symbols.Systems.IsCrm(owner.System))
            {
                Report(context, symbols, field, owner, "transactional", SyncSystems.StoreName);
            }
            else if (kind == FieldKind.Lifecycle && symbols.Systems.IsStore(owner.System))
            {
                Report(context, symbols, field, owner, "lifecycle", "the CRM (Klaviyo or HubSpot)");
            }
        }

        private static void Report(SymbolAnalysisContext context, TopologySymbols symbols, FieldDeclaration field, OwnerDeclaration owner, string kind, string usualOwner) =>
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.OwnershipWithoutReason,
                owner.Location,
                field.DisplayName,
                kind,
                symbols.Systems.Name(owner.System),
                usualOwner));
    }
}
