using Microsoft.CodeAnalysis;
using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

/// <summary>
/// Half-typed code is the analyzer's normal input in an editor. The default topology is cut short and
/// mutated at many points; no analyzer may throw (the compiler would report AD0001).
/// </summary>
public sealed class RobustnessTests
{
    private const int VariantsPerFile = 120;

    [Fact]
    public async Task Truncated_sources_never_make_an_analyzer_throw()
    {
        await AssertNoAnalyzerThrowsAsync((text, random, i) => text[..(text.Length * i / VariantsPerFile)]);
    }

    [Fact]
    public async Task Mutated_sources_never_make_an_analyzer_throw()
    {
        string[] insertions = ["(", ")", "[", "]", ",", "\"", "=", "SyncSystem.", "OwnedBy(", "FlowsTo(SyncSystem.Klaviyo, ", "null", "default", "42", "Why =", "#if X", "/*", "}", "{"];
        await AssertNoAnalyzerThrowsAsync((text, random, i) =>
        {
            var at = random.Next(text.Length);
            return (i % 3) switch
            {
                0 => text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at)),
                1 => text.Insert(at, insertions[random.Next(insertions.Length)]),
                _ => text.Remove(at, Math.Min(random.Next(1, 6), text.Length - at)).Insert(at, insertions[random.Next(insertions.Length)]),
            };
        });
    }

    private static async Task AssertNoAnalyzerThrowsAsync(Func<string, Random, int, string> mutate)
    {
        var sources = RepositoryPaths.TopologySources();
        var random = new Random(20261127);
        var failures = new List<string>();
        var checkedVariants = 0;
        foreach (var (name, text) in sources)
        {
            var others = sources.Where(s => s.Name != name).Select(s => AnalyzerRun.Parse(s.Name, s.Text)).ToList();
            for (var i = 0; i < VariantsPerFile; i++)
            {
                var variant = mutate(text, random, i);
                var compilation = AnalyzerRun.Compile(others.Append(AnalyzerRun.Parse(name, variant)));
                var result = await AnalyzerRun.RunAsync(compilation, RepositoryPaths.VendorSnapshots());
                checkedVariants++;
                var crashes = result.Exceptions.Select(e => e.ToString())
                    .Concat(result.Diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()))
                    .ToList();
                if (crashes.Count > 0)
                {
                    failures.Add($"{name} variant {i}:\n{variant}\n{string.Join("\n", crashes)}");
                }
            }
        }

        Assert.True(checkedVariants >= VariantsPerFile * 3, "the default topology should have at least three files");
        Assert.Empty(failures);
    }
}
