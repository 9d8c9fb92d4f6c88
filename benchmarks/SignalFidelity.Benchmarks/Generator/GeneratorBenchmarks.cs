using BenchmarkDotNet.Attributes;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SignalFidelity.Generators;

namespace SignalFidelity.Benchmarks.Generator;

/// <summary>
/// The generator's cost on the 2,000-field synthetic topology: a cold run (fresh compilation, fresh
/// driver, as on a clean build) and the incremental run after an edit unrelated to the topology (as in
/// the IDE while someone types elsewhere).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree _unrelatedEdited = null!;

    [Params(2000)]
    public int Fields { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var trees = SyntheticTopology.Sources(Fields / SyntheticTopology.FieldsPerEntity)
            .Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path))
            .ToList();
        _unrelated = CSharpSyntaxTree.ParseText("namespace Elsewhere; internal static class Unrelated { public const int Value = 1; }", ParseOptions, "Unrelated.cs");
        _unrelatedEdited = CSharpSyntaxTree.ParseText("namespace Elsewhere; internal static class Unrelated { public const int Value = 2; }", ParseOptions, "Unrelated.cs");
        _compilation = CSharpCompilation.Create(
            "Synthetic",
            [.. trees, _unrelated],
            [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(SyncEntityAttribute).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _warmDriver = NewDriver().RunGenerators(_compilation);

        int generated = _warmDriver.GetRunResult().GeneratedTrees.Length;
        if (generated < Fields / SyntheticTopology.FieldsPerEntity)
        {
            throw new InvalidOperationException($"The synthetic topology generated only {generated} files.");
        }
    }

    [Benchmark]
    public GeneratorDriver ColdRun() => NewDriver().RunGenerators(_compilation.Clone());

    [Benchmark]
    public GeneratorDriver AfterUnrelatedEdit() => _warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelated, _unrelatedEdited));

    /// <summary>
    /// For scale: binding every property's attributes once on a fresh compilation, which the compiler does
    /// anyway. ForAttributeWithMetadataName reruns this semantic step after any edit; everything after it
    /// (models, emitters) is cached when the models are equal.
    /// </summary>
    [Benchmark]
    public int BindAttributesOnly()
    {
        var compilation = _compilation.Clone();
        int attributes = 0;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (var property in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax>())
            {
                attributes += model.GetDeclaredSymbol(property)!.GetAttributes().Length;
            }
        }

        return attributes;
    }

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new TopologyGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
}
