using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SignalFidelity.Analyzers;
using SignalFidelity.TopologyReading;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SignalFidelity.CodeFixes
{
    /// <summary>
    /// SF0002: "Owned by Shopify / Klaviyo / HubSpot" adds <c>[OwnedBy(SyncSystem.X)]</c> to the field.
    /// One equivalence key per system, so fix-all gives every unowned field the owner chosen.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnownedFieldCodeFixProvider)), Shared]
    public sealed class UnownedFieldCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnownedField);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);

            // One fix per SyncSystem member as the compilation declares it: a vendor added to the enum is offered at once.
            var systems = model is null ? null : SyncSystems.From(model.Compilation);
            if (systems is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var property = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<PropertyDeclarationSyntax>();
                if (property is null)
                {
                    continue;
                }

                foreach (var system in systems.Names)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Owned by " + system,
                            cancellationToken => AddOwnerAsync(context.Document, property, system, cancellationToken),
                            equivalenceKey: RuleIdentifiers.UnownedField + "." + system),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> AddOwnerAsync(Document document, PropertyDeclarationSyntax property, string system, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            // Short names when `using SignalFidelity;` (or a global using) is in scope, full names otherwise.
            var inScope = !model.LookupNamespacesAndTypes(property.SpanStart, name: "OwnedByAttribute").IsEmpty
                && !model.LookupNamespacesAndTypes(property.SpanStart, name: "SyncSystem").IsEmpty;
            var prefix = inScope ? string.Empty : "global::SignalFidelity.";
            var attribute = Attribute(
                ParseName(prefix + "OwnedBy"),
                AttributeArgumentList(SingletonSeparatedList(AttributeArgument(ParseExpression(prefix + "SyncSystem." + system)))));

            return document.WithSyntaxRoot(root.ReplaceNode(property, WithOwner(property, attribute, EndOfLineOf(root))));
        }

        private static PropertyDeclarationSyntax WithOwner(PropertyDeclarationSyntax property, AttributeSyntax attribute, SyntaxTrivia endOfLine)
        {
            if (property.AttributeLists.Count > 0)
            {
                // Join the existing first list: [OwnedBy(...), FlowsTo(...)] reads as one declaration.
                var first = property.AttributeLists[0];
                var separators = new[] { Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space) }.Concat(first.Attributes.GetSeparators());
                var attributes = SeparatedList(new[] { attribute }.Concat(first.Attributes), separators);
                return property.ReplaceNode(first, first.WithAttributes(attributes));
            }

            // The new list takes the property's comments and indentation; the property keeps the indentation.
            var leading = property.GetLeadingTrivia();
            var indentation = leading.Count > 0 && leading.Last().IsKind(SyntaxKind.WhitespaceTrivia) ? leading.Last() : Whitespace(string.Empty);
            var list = AttributeList(SingletonSeparatedList(attribute)).WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine);
            return property.WithLeadingTrivia(indentation).WithAttributeLists(SingletonList(list));
        }

        private static SyntaxTrivia EndOfLineOf(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return EndOfLine("\n");
        }
    }
}
