using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SignalFidelity.Analyzers.Tests.Infrastructure;

/// <summary>Analyzer test set up like the topology project: nullable on, implicit usings, Abstractions referenced.</summary>
internal sealed class TopologyAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public TopologyAnalyzerTest(params string[] sources)
    {
        ReferenceAssemblies = TestReferences.None;

        // SF0005 has two descriptors (one reported while typing, one at compilation end); they share
        // ID, severity and page, so markup may stand for either.
        MarkupOptions = MarkupOptions.UseFirstDescriptor;
        TestState.AdditionalReferences.AddRange(TestReferences.All);
        TestState.Sources.Add(("/0/GlobalUsings.cs", TestReferences.GlobalUsings));
        for (var i = 0; i < sources.Length; i++)
        {
            TestState.Sources.Add(($"/0/File{i + 1}.cs", sources[i]));
        }

        SolutionTransforms.Add(CompilationSettings.EnableNullable);
    }
}

internal sealed class TopologyCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public TopologyCodeFixTest()
    {
        ReferenceAssemblies = TestReferences.None;
        MarkupOptions = MarkupOptions.UseFirstDescriptor;
        TestState.AdditionalReferences.AddRange(TestReferences.All);
        FixedState.AdditionalReferences.AddRange(TestReferences.All);
        BatchFixedState.AdditionalReferences.AddRange(TestReferences.All);
        SolutionTransforms.Add(CompilationSettings.EnableNullable);
    }
}

internal static class Verify
{
    public static Task AnalyzerAsync<TAnalyzer>(params string[] sources)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        new TopologyAnalyzerTest<TAnalyzer>(sources).RunAsync();
}

internal static class CompilationSettings
{
    public static Solution EnableNullable(Solution solution, ProjectId projectId)
    {
        var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
        return solution.WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable));
    }
}
