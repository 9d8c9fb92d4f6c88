using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SignalFidelity.Generators.Tests;

/// <summary>
/// The generator must stay cheap as the user types: an unrelated edit reruns nothing, an edit to one
/// entity regenerates only that entity's files, and no pipeline value holds compiler objects alive.
/// </summary>
public sealed class IncrementalTests
{
    private const string SecondEntity = """
        namespace SignalFidelity.Topology;

        [SyncEntity("subscription")]
        public partial record Subscription
        {
            [OwnedBy(SyncSystem.Shopify, Property = "email"), FlowsTo(SyncSystem.Klaviyo, "email")]
            public string? Email { get; init; }

            [OwnedBy(SyncSystem.Klaviyo, Property = "plan", Why = "Plans are sold from Klaviyo flows"), FidelityField]
            public string? Plan { get; init; }
        }
        """;

    private static readonly string[] StepNames =
    [
        TrackingNames.Entities,
        TrackingNames.EntitySummaries,
        TrackingNames.Consumers,
        TrackingNames.ConsumersWithEntities,
        TrackingNames.Owner,
        TrackingNames.VendorApis,
        TrackingNames.RouterInput,
        TrackingNames.ManifestInput,
    ];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.DefaultTopology();
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(GeneratorHarness.Tree("Unrelated.cs", "namespace Elsewhere; internal static class Unrelated { public const int Answer = 42; }"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in StepNames)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            AssertAllOutputs(result.TrackedSteps[step], step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }

        foreach (var (name, runs) in result.TrackedOutputSteps)
        {
            AssertAllOutputs(runs, name, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }
    }

    [Fact]
    public void Editing_one_entity_regenerates_only_that_entitys_outputs()
    {
        var compilation = GeneratorHarness.DefaultTopology().AddSyntaxTrees(GeneratorHarness.Tree("Subscription.cs", SecondEntity));
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var before = GeneratorHarness.Sources(driver);

        var oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Subscription.cs");
        var newTree = GeneratorHarness.Tree("Subscription.cs", SecondEntity.Replace("\"email\")]", "\"email_address\")]", StringComparison.Ordinal));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(oldTree, newTree));
        var result = driver.GetRunResult().Results.Single();
        var after = GeneratorHarness.Sources(driver);

        // The entity step: Subscription changed, Customer came from the cache.
        var entityOutputs = result.TrackedSteps[TrackingNames.Entities].SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, entityOutputs.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.All(entityOutputs.Where(r => r != IncrementalStepRunReason.Modified),
            r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));

        // A field edit does not change the summaries, so no consumer file is regenerated.
        AssertAllOutputs(result.TrackedSteps[TrackingNames.EntitySummaries], TrackingNames.EntitySummaries, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);

        // Per-entity source outputs: exactly one entity's output ran again.
        var modifiedOutputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs)
            .Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Equal(2, modifiedOutputs); // Subscription's files and the manifest, which lists every field.

        var changed = after.Where(kv => before[kv.Key] != kv.Value).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["GeneratedTopologyManifest.g.cs", "Subscription.ShopifyToKlaviyo.g.cs"], changed);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Pipeline_outputs_hold_no_symbols_syntax_locations_or_compilations()
    {
        var compilation = GeneratorHarness.DefaultTopology();
        var result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var (name, runs) in result.TrackedSteps)
        {
            if (!StepNames.Contains(name))
            {
                continue; // Roslyn's own steps before our transforms legitimately carry syntax.
            }

            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                AssertNoCompilerObjects(output.Value, $"{name}", new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertAllOutputs(IEnumerable<IncrementalGeneratorRunStep> runs, string step, params IncrementalStepRunReason[] allowed)
    {
        foreach (var output in runs.SelectMany(r => r.Outputs))
        {
            Assert.True(allowed.Contains(output.Reason), $"step {step} output ran with reason {output.Reason}");
        }
    }

    private static void AssertNoCompilerObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is decimal)
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Location or Compilation or SemanticModel or SyntaxTree,
            $"{path} holds a {value.GetType().Name}: pipeline values must be plain data");

        if (!value.GetType().IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                AssertNoCompilerObjects(item, $"{path}[{i++}]", seen);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoCompilerObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }
}
