using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SignalFidelity.Generators;

namespace SignalFidelity.Generators.Tests;

/// <summary>
/// Drives the generator in memory: a C# compilation over .NET 10 reference assemblies and the
/// Abstractions assembly, run through a GeneratorDriver that tracks every pipeline step.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(SyncEntityAttribute).Assembly.Location),
    ];

    /// <summary>The default topology's sources as committed in topology/SignalFidelity.Topology.</summary>
    public static IReadOnlyList<(string Path, string Text)> DefaultTopologySources() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "DefaultTopology"), "*.cs")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (Path.GetFileName(p), File.ReadAllText(p)))
            .ToList();

    public static SyntaxTree Tree(string path, string text) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    public static CSharpCompilation Compilation(IEnumerable<SyntaxTree> trees, string assemblyName = "SignalFidelity.Topology") =>
        CSharpCompilation.Create(
            assemblyName,
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>What the SDK's ImplicitUsings adds to the topology project.</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static CSharpCompilation DefaultTopology() =>
        Compilation(DefaultTopologySources().Select(s => Tree(s.Path, s.Text)).Append(Tree("ImplicitUsings.g.cs", ImplicitUsings)));

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            [new TopologyGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and fails on any compiler error in the input plus the generated code.</summary>
    public static (GeneratorDriver Driver, Compilation Output) RunAndCompile(Compilation input)
    {
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", errors));
        return (driver, output);
    }

    /// <summary>Emits the compilation and loads it into its own collectible context, so the test can run the generated code.</summary>
    public static System.Reflection.Assembly Load(Compilation compilation, string contextName)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return new System.Runtime.Loader.AssemblyLoadContext(contextName, isCollectible: true).LoadFromStream(image);
    }

    /// <summary>The generated sources by hint name.</summary>
    public static IReadOnlyDictionary<string, string> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
}
