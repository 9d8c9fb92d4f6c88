using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalFidelity.Analyzers.Model;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// SF0009: a property of a [SyncEntity] that carries topology attributes but that the generator skips
    /// by the shared <see cref="SyncedFields"/> rule (not public, static, set-only). Without it an
    /// <c>internal</c> owned property passed every other rule and was silently left out of every generated file.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnsyncableFieldAnalyzer : TopologyAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.UnsyncableField);

        private protected override void OnTopologyStart(CompilationStartAnalysisContext start, TopologySymbols symbols)
        {
            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.Property);
        }

        private static void Analyze(SymbolAnalysisContext context, TopologySymbols symbols)
        {
            var property = (IPropertySymbol)context.Symbol;
            var why = SyncedFields.Explain(SyncedFields.ShapeOf(property));
            if (why is null || property.Locations.Length == 0
                || !symbols.IsSyncEntity(property.ContainingType)
                || !VocabularyNames.HasFieldAttribute(property))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnsyncableField,
                property.Locations[0],
                property.ContainingType.Name + "." + property.Name,
                why));
        }
    }
}
