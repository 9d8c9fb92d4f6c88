using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalFidelity.Analyzers.Model;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// SF0007 and SF0008: every <c>[FromWebhook(topic, path)]</c> is checked against the snapshot of the
    /// Shopify API version the topology pins (<c>[assembly: VendorApi(SyncSystem.Shopify, "...")]</c>), read
    /// from the AdditionalFile <c>shopify-webhooks-&lt;version&gt;.tsv</c> once per compilation. A topology
    /// without a Shopify pin is not checked; a pin without a (readable) snapshot is SF0008 at the pin.
    /// A <c>ResolveThrough</c> lookup is checked against <see cref="ShopifyLookups"/> with or without a snapshot
    /// (<see cref="LookupCheck"/>).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class VendorSchemaAnalyzer : TopologyAnalyzer
    {
        private const int NearestCount = 3;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(
                DiagnosticDescriptors.UnknownWebhookPath,
                DiagnosticDescriptors.UnknownWebhookTopic,
                DiagnosticDescriptors.NoVendorSnapshot,
                DiagnosticDescriptors.UnknownLookup,
                DiagnosticDescriptors.LookupTypeMismatch);

        private protected override void OnTopologyStart(CompilationStartAnalysisContext start, TopologySymbols symbols)
        {
            if (symbols.FromWebhook is null)
            {
                return;
            }

            // The lookups are SignalFidelity's own table, not the pinned version's: checked whatever is pinned.
            start.RegisterSymbolAction(context => LookupCheck.Analyze(context, symbols), SymbolKind.Property);
            var pin = FindShopifyPin(start.Compilation, symbols, start.CancellationToken);
            if (pin is null)
            {
                return;
            }

            var (version, pinAttribute) = pin.Value;
            var snapshot = ShopifyWebhookSnapshot.Find(start.Options.AdditionalFiles, version, start.CancellationToken);
            if (snapshot is null)
            {
                var syntax = pinAttribute.ApplicationSyntaxReference;
                if (syntax is null)
                {
                    return;
                }

                // Reported with the tree that holds the pin, so it shows while typing rather than at compilation end.
                start.RegisterSemanticModelAction(model =>
                {
                    if (model.SemanticModel.SyntaxTree == syntax.SyntaxTree)
                    {
                        model.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.NoVendorSnapshot,
                            syntax.GetSyntax(model.CancellationToken).GetLocation(),
                            version,
                            ShopifyWebhookSnapshot.FilePrefix + version + ShopifyWebhookSnapshot.FileExtension));
                    }
                });
                return;
            }

            start.RegisterSymbolAction(context => Analyze(context, symbols, snapshot), SymbolKind.Property);
        }

        private static (string Version, AttributeData Attribute)? FindShopifyPin(Compilation compilation, TopologySymbols symbols, CancellationToken cancellationToken)
        {
            if (symbols.Systems.Store is not { } store)
            {
                return null;
            }

            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (VocabularyNames.Is(attribute, VocabularyNames.VendorApi)
                    && attribute.ConstructorArguments.Length == 2
                    && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Enum
                    && attribute.ConstructorArguments[0].Value is int system
                    && system == store
                    && AttributeReader.ConstructorString(attribute, 1) is { } version
                    && version.Trim().Length > 0)
                {
                    return (version.Trim(), attribute);
                }
            }

            return null;
        }

        private static void Analyze(SymbolAnalysisContext context, TopologySymbols symbols, ShopifyWebhookSnapshot snapshot)
        {
            var property = (IPropertySymbol)context.Symbol;
            foreach (var attribute in symbols.FromWebhooksOn(property))
            {
                // Compared as the generator reads them (EntityParser): topic normalised, path trimmed.
                var topic = TopologyNames.Topic(AttributeReader.ConstructorString(attribute, 0));
                var path = TopologyNames.WebhookPath(AttributeReader.ConstructorString(attribute, 1));
                if (topic.Length == 0 || path.Length == 0 || snapshot.HasPath(topic, path))
                {
                    continue;
                }

                var location = AttributeReader.Location(attribute, property, context.CancellationToken);
                if (!snapshot.HasTopic(topic))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UnknownWebhookTopic,
                        location,
                        topic,
                        snapshot.Version,
                        Join(ShopifyWebhookSnapshot.Nearest(topic, snapshot.Topics, NearestCount))));
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnknownWebhookPath,
                    location,
                    path,
                    topic,
                    snapshot.Version,
                    Join(ShopifyWebhookSnapshot.Nearest(path, snapshot.PathsOf(topic), NearestCount))));
            }
        }

        private static string Join(ImmutableArray<string> names) =>
            names.IsEmpty ? "none" : "'" + string.Join("', '", names) + "'";
    }
}
