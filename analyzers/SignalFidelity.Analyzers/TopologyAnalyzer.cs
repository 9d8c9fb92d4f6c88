using Microsoft.CodeAnalysis.Diagnostics;
using SignalFidelity.Analyzers.Model;

namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// What every SignalFidelity rule does first: run concurrently, skip generated code, and stay silent
    /// in a compilation that does not reference SignalFidelity.Abstractions (the attribute symbols are
    /// resolved once per compilation and shared by all rules).
    /// </summary>
    public abstract class TopologyAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = TopologySymbols.TryCreate(start.Compilation);
                if (symbols is not null)
                {
                    OnTopologyStart(start, symbols);
                }
            });
        }

        /// <summary>Registers the rule's actions for a compilation that declares topology attributes.</summary>
        private protected abstract void OnTopologyStart(CompilationStartAnalysisContext start, TopologySymbols symbols);
    }
}
