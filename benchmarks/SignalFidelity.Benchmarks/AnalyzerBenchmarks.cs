using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalFidelity;
using SignalFidelity.Analyzers;

namespace SignalFidelity.Benchmarks;

/// <summary>
/// What the SignalFidelity analyzers add to compiling a large topology: 2,000 fields across 100 files
/// (10 entities split into partial declarations), every field owned and flowing, plus consumers and an
/// owner, so the clean path (no diagnostic) is what is measured. Each invocation builds a fresh
/// compilation from already parsed trees: the baseline binds and reports compiler diagnostics, the
/// other does the same plus every analyzer (compilation-end rules included). Design aim: under 10%.
/// Run: dotnet run -c Release --project benchmarks/SignalFidelity.Benchmarks -- --filter '*AnalyzerBenchmarks*'
/// </summary>
[ShortRunJob]
public class AnalyzerBenchmarks
{
    private const int Files = 100;
    private const int FieldsPerFile = 20;
    private const int Entities = 10;

    private ImmutableArray<SyntaxTree> trees;
    private ImmutableArray<MetadataReference> references;
    private ImmutableArray<DiagnosticAnalyzer> analyzers;

    [GlobalSetup]
    public void Setup()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        trees = SyntheticTopology().Select(source => CSharpSyntaxTree.ParseText(source.Text, parseOptions, source.Name)).ToImmutableArray();
        references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(OwnedByAttribute).Assembly.Location))
            .ToImmutableArray();
        analyzers = typeof(ContestedFieldAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

        // A benchmark of a topology the analyzers reject, or that does not compile, would measure the wrong thing.
        var diagnostics = WithAnalyzers().GetAwaiter().GetResult();
        var problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count > 0 || analyzers.Length < 6)
        {
            throw new InvalidOperationException($"{analyzers.Length} analyzers; synthetic topology not clean: {string.Join("\n", problems.Take(5))}");
        }

        ReportAnalyzerShare();
    }

    /// <summary>
    /// Wall-clock means are noisy on a shared machine, so the setup also prints the time Roslyn itself
    /// measured inside the analyzers' callbacks, against the compile time of the same compilation
    /// (median of five runs). This share is the figure least disturbed by other processes.
    /// </summary>
    private void ReportAnalyzerShare()
    {
        var shares = new List<(double Compile, double Analyzers)>();
        var perAnalyzer = analyzers.ToDictionary(a => a.GetType().Name, _ => new List<double>());
        for (var run = 0; run < 5; run++)
        {
            var compilation = Compile();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            compilation.GetDiagnostics();
            var compile = clock.Elapsed.TotalMilliseconds;
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            var inAnalyzers = 0.0;
            foreach (var analyzer in analyzers)
            {
                var time = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
                perAnalyzer[analyzer.GetType().Name].Add(time);
                inAnalyzers += time;
            }

            shares.Add((compile, inAnalyzers));
        }

        var median = shares.OrderBy(s => s.Analyzers / s.Compile).ElementAt(shares.Count / 2);
        Console.WriteLine(
            $"// AnalyzerShare: compile {median.Compile:F0} ms, inside SignalFidelity analyzers {median.Analyzers:F0} ms = {100 * median.Analyzers / median.Compile:F1}% (median of {shares.Count}); "
            + string.Join(", ", perAnalyzer.Select(p => $"{p.Key} {p.Value.OrderBy(t => t).ElementAt(p.Value.Count / 2):F0} ms")));
    }

    [Benchmark(Baseline = true, Description = "compiler diagnostics only")]
    public int WithoutAnalyzers() => Compile().GetDiagnostics().Length;

    /// <summary>
    /// The analyzer driver's own cost: an analyzer with the same shape as ours (symbol actions on every
    /// property and type, a compilation-end action) that does nothing. What ours add beyond it is theirs.
    /// </summary>
    [Benchmark(Description = "compiler + empty analyzer of the same shape")]
    public async Task<ImmutableArray<Diagnostic>> WithEmptyAnalyzer() =>
        await Compile().WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer())).GetAllDiagnosticsAsync();

    [Benchmark(Description = "compiler + SignalFidelity analyzers")]
    public async Task<ImmutableArray<Diagnostic>> WithAnalyzers() =>
        await Compile().WithAnalyzers(analyzers).GetAllDiagnosticsAsync();

    private CSharpCompilation Compile() => CSharpCompilation.Create(
        "SyntheticTopology",
        trees,
        references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static IEnumerable<(string Name, string Text)> SyntheticTopology()
    {
        yield return ("Owner.cs", """
            using SignalFidelity;
            [assembly: TopologyOwner("Dana Ortiz", "dana@store.example", Backup = "Lee Park")]
            """);
        for (var file = 0; file < Files; file++)
        {
            var entity = file % Entities;
            var text = new StringBuilder();
            text.AppendLine("using System;\nusing SignalFidelity;\n\nnamespace Store.Topology;\n");
            text.AppendLine(file < Entities ? $"[SyncEntity(\"entity{entity}\")]" : string.Empty);
            text.AppendLine($"public partial record Entity{entity}\n{{");
            for (var field = 0; field < FieldsPerFile; field++)
            {
                var name = $"Field{file}x{field}";
                var destination = $"entity{entity}_{name.ToLowerInvariant()}";
                text.AppendLine(field % 4 == 3
                    ? $"    [OwnedBy(SyncSystem.Klaviyo, Property = \"{destination}\", Why = \"Computed in Klaviyo\"), FlowsTo(SyncSystem.Shopify, \"{destination}\")]"
                    : $"    [OwnedBy(SyncSystem.Shopify, Property = \"{name}\"), FlowsTo(SyncSystem.Klaviyo, \"{destination}\"), FlowsTo(SyncSystem.HubSpot, \"{destination}\")]");
                text.AppendLine($"    public {(field % 2 == 0 ? "string?" : "decimal")} {name} {{ get; init; }}\n");
            }

            text.AppendLine("}");
            if (file < 20)
            {
                text.AppendLine($"[WebhookConsumer(\"topic{file}/update\", Writes = SyncSystem.Klaviyo)]\npublic partial class Consumer{file};");
            }

            yield return ($"Entity{file}.cs", text.ToString());
        }
    }

    // Never loaded by a compiler, only handed to CompilationWithAnalyzers here: the rules for shipped
    // analyzers (netstandard2.0, extended rules, release tracking) do not apply.
#pragma warning disable RS1041, RS1036, RS2008
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("BENCH0001", "never", "never", "Benchmark", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterSymbolAction(_ => { }, SymbolKind.Property, SymbolKind.NamedType);
                start.RegisterCompilationEndAction(_ => { });
            });
        }
    }
#pragma warning restore RS1041, RS1036, RS2008
}
