using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

public sealed class ConfigurationTests
{
    private const string UnusualOwner = """
        [SyncEntity("customer")]
        public partial record Customer
        {
            [{|#0:OwnedBy(SyncSystem.Klaviyo, Property = "total_spent")|}]
            public decimal TotalSpent { get; init; }
        }
        """;

    [Fact]
    public Task Editorconfig_changes_the_severity()
    {
        var test = new TopologyAnalyzerTest<OwnershipWithoutReasonAnalyzer>(UnusualOwner);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.SF0006.severity = suggestion\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.OwnershipWithoutReason).WithLocation(0).WithSeverity(DiagnosticSeverity.Info)
            .WithArguments("Customer.TotalSpent", "transactional", "Klaviyo", "Shopify"));
        return test.RunAsync();
    }

    [Fact]
    public Task Editorconfig_turns_a_rule_off()
    {
        var test = new TopologyAnalyzerTest<OwnershipWithoutReasonAnalyzer>(UnusualOwner.Replace("{|#0:", "").Replace(")|}]", ")]"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.SF0006.severity = none\n"));
        return test.RunAsync();
    }

    [Fact]
    public async Task Without_the_abstractions_assembly_the_analyzers_stay_silent()
    {
        // Look-alike attributes in another assembly's namespace are not the vocabulary.
        const string source = """
            namespace Elsewhere;
            [System.AttributeUsage(System.AttributeTargets.All)] public sealed class SyncEntityAttribute(string name) : System.Attribute { public string Name { get; } = name; }
            [SyncEntity("customer")]
            public partial record Customer { public string? Email { get; init; } }
            """;
        var compilation = CSharpCompilation.Create(
            "NoAbstractions",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var result = await AnalyzerRun.RunAsync(compilation);

        Assert.Empty(result.Exceptions);
        Assert.Empty(result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).Select(d => d.ToString()));
    }
}
