using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SignalFidelity.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs every SignalFidelity analyzer over sources the way the compiler does, and keeps any exception
/// an analyzer throws (which the compiler would turn into AD0001).
/// </summary>
internal static class AnalyzerRun
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> All = typeof(ContestedFieldAnalyzer).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
        .OrderBy(type => type.Name, StringComparer.Ordinal)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = TestReferences.All.ToImmutableArray();

    public static SyntaxTree Parse(string name, string text) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: name);

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) => CSharpCompilation.Create(
        "SignalFidelity.Topology",
        trees.Append(Parse("GlobalUsings.cs", TestReferences.GlobalUsings)),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Runs every analyzer; <paramref name="additionalFiles"/> are the AdditionalFiles (the vendor snapshots), none by default.</summary>
    public static async Task<Result> RunAsync(Compilation compilation, IEnumerable<AdditionalText>? additionalFiles = null)
    {
        var exceptions = new ConcurrentBag<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions((additionalFiles ?? []).ToImmutableArray()),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(All, options).GetAllDiagnosticsAsync();
        return new Result(diagnostics, exceptions.ToArray());
    }

    public sealed record Result(ImmutableArray<Diagnostic> Diagnostics, Exception[] Exceptions);
}

/// <summary>An AdditionalFile held in memory, as the compiler hands one to analyzers.</summary>
internal sealed class InMemoryAdditionalText(string path, string? text) : AdditionalText
{
    public override string Path { get; } = path;

    public override Microsoft.CodeAnalysis.Text.SourceText? GetText(CancellationToken cancellationToken = default) =>
        text is null ? null : Microsoft.CodeAnalysis.Text.SourceText.From(text);
}
