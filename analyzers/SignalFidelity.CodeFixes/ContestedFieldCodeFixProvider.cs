using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SignalFidelity.Analyzers;

namespace SignalFidelity.CodeFixes
{
    /// <summary>
    /// SF0001: "Keep this writer" removes the other writers the diagnostic lists as additional
    /// locations: the other [OwnedBy] of the field, or the other [FlowsTo] into the destination.
    /// It is not offered when a removed writer would be another field's only [OwnedBy], because that
    /// would turn the contest into an unowned field (SF0002) silently.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ContestedFieldCodeFixProvider)), Shared]
    public sealed class ContestedFieldCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ContestedField);

        /// <summary>
        /// Not the batch fixer: every writer of one contest carries this same fix, and batching them all
        /// would remove every writer. Fix-all keeps the first writer of each contest instead.
        /// </summary>
        public override FixAllProvider GetFixAllProvider() => KeepFirstWriterFixAllProvider.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.AdditionalLocations.Count == 0 || !await OthersAreRemovableAsync(context.Document.Project.Solution, diagnostic, context.CancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Keep this writer",
                        cancellationToken => RemoveWritersAsync(context.Document.Project.Solution, diagnostic.AdditionalLocations, cancellationToken),
                        equivalenceKey: RuleIdentifiers.ContestedField + ".KeepThisWriter"),
                    diagnostic);
            }
        }

        internal static async Task<bool> OthersAreRemovableAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var keptMember = await FindAttributeAsync(solution, diagnostic.Location, cancellationToken).ConfigureAwait(false);
            var keptProperty = keptMember?.Attribute.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            foreach (var location in diagnostic.AdditionalLocations)
            {
                var other = await FindAttributeAsync(solution, location, cancellationToken).ConfigureAwait(false);
                if (other is null)
                {
                    return false;
                }

                var sameMember = other.Value.Attribute.FirstAncestorOrSelf<MemberDeclarationSyntax>() == keptProperty;
                if (!sameMember && IsOwnedBy(other.Value.Attribute))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsOwnedBy(AttributeSyntax attribute)
        {
            var name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText
                : attribute.Name is AliasQualifiedNameSyntax alias ? alias.Name.Identifier.ValueText
                : (attribute.Name as IdentifierNameSyntax)?.Identifier.ValueText;
            return name == "OwnedBy" || name == "OwnedByAttribute";
        }

        private static async Task<(Document Document, AttributeSyntax Attribute)?> FindAttributeAsync(Solution solution, Location location, CancellationToken cancellationToken)
        {
            var document = location.SourceTree is null ? null : solution.GetDocument(location.SourceTree);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (document is null || root is null || !root.FullSpan.Contains(location.SourceSpan))
            {
                return null;
            }

            var attribute = root.FindNode(location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>();
            return attribute is null ? ((Document, AttributeSyntax)?)null : (document, attribute);
        }

        internal static async Task<Solution> RemoveWritersAsync(Solution solution, IEnumerable<Location> writers, CancellationToken cancellationToken)
        {
            var found = new List<(Document Document, AttributeSyntax Attribute)>();
            foreach (var location in writers)
            {
                var other = await FindAttributeAsync(solution, location, cancellationToken).ConfigureAwait(false);
                if (other is not null)
                {
                    found.Add(other.Value);
                }
            }

            foreach (var byDocument in found.GroupBy(f => f.Document.Id))
            {
                var document = solution.GetDocument(byDocument.Key)!;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var attributes = new HashSet<AttributeSyntax>(byDocument.Select(f => f.Attribute));
                var members = attributes.Select(a => a.FirstAncestorOrSelf<MemberDeclarationSyntax>()).OfType<MemberDeclarationSyntax>().Distinct().ToList();
                var newRoot = root!.ReplaceNodes(members, (original, _) => AttributeRemoval.Remove(original, attributes));
                solution = solution.WithDocumentSyntaxRoot(document.Id, newRoot);
            }

            return solution;
        }
    }
}
