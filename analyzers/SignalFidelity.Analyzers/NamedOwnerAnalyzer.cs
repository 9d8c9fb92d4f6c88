using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalFidelity.Analyzers.Model;

namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// SF0003: a topology (a compilation declaring at least one [SyncEntity]) needs a named owner and a
    /// different backup in [assembly: TopologyOwner]. Whether any entity exists is known only once every
    /// type has been seen, hence compilation end.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NamedOwnerAnalyzer : TopologyAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.NoNamedOwner);

        private protected override void OnTopologyStart(CompilationStartAnalysisContext start, TopologySymbols symbols)
        {
            if (symbols.TopologyOwner is null)
            {
                return;
            }

            var gate = new object();
            Location? firstEntity = null;
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    if (type.Locations.Length == 0 || !type.Locations[0].IsInSource || !symbols.IsSyncEntity(type))
                    {
                        return;
                    }

                    lock (gate)
                    {
                        if (firstEntity is null || LocationOrder.Instance.Compare(type.Locations[0], firstEntity) < 0)
                        {
                            firstEntity = type.Locations[0];
                        }
                    }
                },
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                Location? entity;
                lock (gate)
                {
                    entity = firstEntity;
                }

                if (entity is not null)
                {
                    Judge(end, symbols.TopologyOwner, entity);
                }
            });
        }

        private static void Judge(CompilationAnalysisContext context, INamedTypeSymbol ownerAttribute, Location entity)
        {
            var owner = TopologySymbols.Find(context.Compilation.Assembly, ownerAttribute);
            var ownerName = owner is null ? null : AttributeReader.ConstructorString(owner, 0);
            if (owner is null || string.IsNullOrWhiteSpace(ownerName))
            {
                // No attribute to point at: point at the first entity, the thing that needs an owner.
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.NoNamedOwner,
                    owner is null ? entity : AttributeReader.Location(owner, context.Compilation.Assembly, context.CancellationToken),
                    "This topology names no owner; add [assembly: TopologyOwner(\"Name\", \"email\", Backup = \"Other name\")]"));
                return;
            }

            var location = AttributeReader.Location(owner, context.Compilation.Assembly, context.CancellationToken);
            var backup = AttributeReader.NamedString(owner, "Backup");
            if (string.IsNullOrWhiteSpace(backup))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.NoNamedOwner,
                    location,
                    "Topology owner '" + ownerName + "' has no Backup; name a second person who can review changes when they are away"));
            }
            else if (string.Equals(backup!.Trim(), ownerName!.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.NoNamedOwner,
                    location,
                    "Backup '" + backup + "' is the topology owner; the backup must be a different person"));
            }
        }
    }
}
