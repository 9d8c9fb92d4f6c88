using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalFidelity.Analyzers.Model;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// SF0002: a property of a [SyncEntity] without [OwnedBy]. One property decides it alone, so it is a
    /// symbol action and shows in the editor while the property is typed.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnownedFieldAnalyzer : TopologyAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.UnownedField);

        private protected override void OnTopologyStart(CompilationStartAnalysisContext start, TopologySymbols symbols)
        {
            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.Property);
        }

        private static void Analyze(SymbolAnalysisContext context, TopologySymbols symbols)
        {
            var property = (IPropertySymbol)context.Symbol;
            // Only what the generator syncs needs an owner (the shared rule); an owned property it cannot sync is SF0009.
            if (SyncedFields.ShapeOf(property) != SyncedFieldShape.Synced || property.Locations.Length == 0
                || !symbols.IsSyncEntity(property.ContainingType)
                || FieldDeclaration.HasAnyOwnedBy(property, symbols)
                || IsComputed(property, context))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnownedField, property.Locations[0], property.Name, property.ContainingType.Name));
        }

        /// <summary>
        /// A property with a body of its own (<c>IsVip =&gt; TotalSpent &gt; 1000</c>) is derived from
        /// synced fields and never written by any system, so it needs no owner.
        /// </summary>
        private static bool IsComputed(IPropertySymbol property, SymbolAnalysisContext context)
        {
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is not PropertyDeclarationSyntax declaration)
                {
                    return false;
                }

                if (declaration.ExpressionBody is not null)
                {
                    return true;
                }

                if (declaration.AccessorList is null)
                {
                    return false;
                }

                foreach (var accessor in declaration.AccessorList.Accessors)
                {
                    if (accessor.Body is null && accessor.ExpressionBody is null)
                    {
                        return false;
                    }
                }

                return declaration.AccessorList.Accessors.Count > 0;
            }

            return false;
        }
    }
}
