using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SignalFidelity.CodeFixes
{
    /// <summary>
    /// Fix-all for SF0001. Each contest is reported once per writer; this keeps the first writer of each
    /// contest in the analyzer's stable order (file path, then position) and removes the others.
    /// </summary>
    internal sealed class KeepFirstWriterFixAllProvider : FixAllProvider
    {
        public static readonly KeepFirstWriterFixAllProvider Instance = new KeepFirstWriterFixAllProvider();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            var diagnostics = new List<Diagnostic>();
            if (context.Scope == FixAllScope.Document && context.Document is not null)
            {
                diagnostics.AddRange(await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false));
            }
            else
            {
                var projects = context.Scope == FixAllScope.Solution ? context.Solution.Projects : new[] { context.Project };
                foreach (var project in projects)
                {
                    diagnostics.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }
            }

            return CodeAction.Create(
                "Keep the first writer of each contested field",
                cancellationToken => FixAsync(context.Solution, diagnostics, cancellationToken),
                context.CodeActionEquivalenceKey);
        }

        private static async Task<Solution> FixAsync(Solution solution, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var kept = new HashSet<Location>();
            var removed = new HashSet<Location>();
            foreach (var contest in diagnostics.GroupBy(ContestKey))
            {
                // The writer reported first in stable order has no other writer before it.
                var first = contest.OrderBy(d => d.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
                    .ThenBy(d => d.Location.SourceSpan.Start)
                    .First();
                if (!await ContestedFieldCodeFixProvider.OthersAreRemovableAsync(solution, first, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                kept.Add(first.Location);
                removed.UnionWith(first.AdditionalLocations);
            }

            removed.ExceptWith(kept);
            return await ContestedFieldCodeFixProvider.RemoveWritersAsync(solution, removed, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Every writer of one contest reports the same set of locations: itself plus the others.</summary>
        private static string ContestKey(Diagnostic diagnostic) =>
            string.Join(";", new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations)
                .Select(l => (l.SourceTree?.FilePath ?? string.Empty) + ":" + l.SourceSpan.Start)
                .OrderBy(s => s, System.StringComparer.Ordinal)) + "|" + diagnostic.GetMessage();
    }
}
