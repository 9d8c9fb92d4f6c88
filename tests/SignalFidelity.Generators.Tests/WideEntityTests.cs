using System.Reflection;
using System.Runtime.Loader;
using SignalFidelity.Runtime;

namespace SignalFidelity.Generators.Tests;

/// <summary>No limit on fidelity fields: a comparer over 70 fields, compiled and run, reports drift on any of them.</summary>
public sealed class WideEntityTests
{
    private const int FieldCount = 70;

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(69)]
    public void A_drift_on_any_of_seventy_fidelity_fields_is_reported(int driftedField)
    {
        var properties = string.Join("\n", Enumerable.Range(0, FieldCount).Select(i =>
            $"    [OwnedBy(SyncSystem.Shopify, Property = \"f{i}\"), FlowsTo(SyncSystem.Klaviyo, \"f{i}\"), FidelityField] public int F{i} {{ get; init; }}"));
        var source = $$"""
            using SignalFidelity;
            namespace Wide;
            [SyncEntity("wide")]
            public partial record Wide
            {
            {{properties}}
            }
            """;
        var (_, output) = GeneratorHarness.RunAndCompile(GeneratorHarness.Compilation([GeneratorHarness.Tree("Wide.cs", source)], "Wide.Topology"));
        var assembly = GeneratorHarness.Load(output, "wide-entity");
        var entity = assembly.GetType("Wide.Wide", throwOnError: true)!;
        var comparerType = assembly.GetType("Wide.WideFidelityComparer", throwOnError: true)!;
        var comparer = comparerType.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var expected = Activator.CreateInstance(entity)!;
        var actual = Activator.CreateInstance(entity)!;
        entity.GetProperty("F" + driftedField)!.SetValue(actual, 1);

        var result = (FidelityComparison)comparerType.GetMethod("Compare")!.Invoke(comparer, [expected, actual])!;

        Assert.Equal(FieldCount, ((IReadOnlyList<string>)comparerType.GetProperty("FieldNames")!.GetValue(comparer)!).Count);
        Assert.Equal(FieldSet.Of(driftedField), result.Drifted);
    }
}
