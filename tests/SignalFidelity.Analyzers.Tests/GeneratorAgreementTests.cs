using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SignalFidelity.Analyzers.Tests.Infrastructure;
using SignalFidelity.Generators;

namespace SignalFidelity.Analyzers.Tests;

/// <summary>
/// The generator and the analyzer share one reader of the attributes; this checks the promise that
/// follows from it: every property of a sync entity the generator leaves out of the generated code is
/// reported by some rule (or by the compiler, for half-typed code), so nothing declared is silently dropped.
/// </summary>
public sealed class GeneratorAgreementTests
{
    private const string EveryShape = """
        [SyncEntity("customer")]
        public partial record Customer
        {
            [OwnedBy(SyncSystem.Shopify, Property = "email"), FromWebhook("customers/update", "email"), FlowsTo(SyncSystem.Klaviyo, "email")]
            public string? Email { get; init; }

            [OwnedBy(SyncSystem.Shopify, Property = "phone"), FlowsTo(SyncSystem.Klaviyo, "phone_number")]
            public string? Phone { get; private init; }

            public string? Nickname { get; init; }

            [FlowsTo(SyncSystem.Klaviyo, "vip")]
            public bool IsVip { get; init; }

            [OwnedBy(SyncSystem.Shopify), OwnedBy(SyncSystem.Klaviyo)]
            public string? Contested { get; init; }

            [OwnedBy(SyncSystem.Shopify, Property = "note"), FlowsTo(SyncSystem.Klaviyo, "shopify_note")]
            internal string? Note { get; init; }

            [OwnedBy(SyncSystem.Shopify)]
            private int Visits { get; init; }

            [OwnedBy(SyncSystem.Shopify)]
            public string? State { set { } }

            [OwnedBy(SyncSystem.Shopify)]
            public static string? Region { get; set; }

            [OwnedBy()]
            public string? HalfTyped { get; init; }

            public bool IsBigSpender => Phone is not null;
        }

        [WebhookConsumer("customers/update", Writes = SyncSystem.Klaviyo)]
        public partial class KlaviyoCustomerUpdatedProjection;
        """;

    [Fact]
    public async Task Every_property_the_generator_skips_is_reported_by_a_rule()
    {
        var compilation = AnalyzerRun.Compile([AnalyzerRun.Parse("Customer.cs", EveryShape)]);
        var generated = GeneratedFieldNames(compilation);
        var analysis = await AnalyzerRun.RunAsync(compilation);
        var reported = analysis.Diagnostics.Concat(compilation.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.IsInSource)
            .ToList();

        var customer = compilation.GetTypeByMetadataName("Customer")!;
        var skipped = customer.GetMembers().OfType<IPropertySymbol>()
            .Where(p => !p.IsImplicitlyDeclared && !generated.Contains(p.Name))
            .Select(p => (Property: p, Declaration: (PropertyDeclarationSyntax)p.DeclaringSyntaxReferences.Single().GetSyntax()))
            .Where(x => !IsComputedWithoutAttributes(x.Declaration))
            .ToList();

        // Guards against a vacuous pass: the corpus must exercise generated and skipped shapes alike.
        Assert.Equal(["Email", "Phone"], generated.Order(StringComparer.Ordinal));
        Assert.Equal(8, skipped.Count);
        var unreported = skipped
            .Where(x => !reported.Any(d => d.Location.SourceTree == x.Declaration.SyntaxTree && x.Declaration.FullSpan.Contains(d.Location.SourceSpan)))
            .Select(x => x.Property.Name)
            .ToList();
        Assert.True(unreported.Count == 0, "Skipped by the generator and reported by no rule: " + string.Join(", ", unreported));
        Assert.Empty(analysis.Exceptions);
    }

    [Fact]
    public void The_default_topology_on_disk_loses_no_declared_field()
    {
        var sources = RepositoryPaths.TopologySources();
        var compilation = AnalyzerRun.Compile(sources.Select(source => AnalyzerRun.Parse(source.Name, source.Text)));

        var declared = compilation.GetTypeByMetadataName("SignalFidelity.Topology.Customer")!.GetMembers().OfType<IPropertySymbol>()
            .Where(p => !p.IsImplicitlyDeclared && p.GetAttributes().Any(a => a.AttributeClass?.Name == "OwnedByAttribute"))
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, GeneratedFieldNames(compilation).Order(StringComparer.Ordinal));
    }

    /// <summary>The first argument of every <c>new FieldInfo(...)</c> in the generated manifest: the fields the runtime knows.</summary>
    private static HashSet<string> GeneratedFieldNames(Compilation compilation)
    {
        CSharpGeneratorDriver.Create(new TopologyGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var manifest = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("GeneratedTopologyManifest.g.cs", StringComparison.Ordinal));
        return manifest.GetRoot().DescendantNodes().OfType<ObjectCreationExpressionSyntax>()
            .Where(creation => creation.Type.ToString().EndsWith("FieldInfo", StringComparison.Ordinal))
            .Select(creation => creation.ArgumentList!.Arguments[0].Expression)
            .OfType<LiteralExpressionSyntax>()
            .Select(literal => literal.Token.ValueText)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A derived property (<c>IsVip =&gt; ...</c>) with no topology attribute is no field; the rules rightly say nothing.</summary>
    private static bool IsComputedWithoutAttributes(PropertyDeclarationSyntax declaration) =>
        declaration.AttributeLists.Count == 0
        && (declaration.ExpressionBody is not null
            || declaration.AccessorList?.Accessors.All(a => a.Body is not null || a.ExpressionBody is not null) == true);
}
