using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

public sealed class SF0003NamedOwnerTests
{
    private const string Entity = """
        [SyncEntity("customer")]
        public partial record Customer
        {
            [OwnedBy(SyncSystem.Shopify)]
            public string? Email { get; init; }
        }
        """;

    [Fact]
    public Task No_owner_is_reported_at_the_first_entity()
    {
        const string entity = """
            [SyncEntity("customer")]
            public partial record {|SF0003:Customer|}
            {
                [OwnedBy(SyncSystem.Shopify)]
                public string? Email { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<NamedOwnerAnalyzer>(entity);
    }

    [Fact]
    public Task An_owner_without_backup_is_reported_at_the_attribute()
    {
        const string owner = """
            [assembly: {|SF0003:TopologyOwner("Dana Ortiz", "dana@store.example")|}]
            """;
        return Verify.AnalyzerAsync<NamedOwnerAnalyzer>(owner, Entity);
    }

    [Fact]
    public Task A_backup_equal_to_the_owner_ignoring_case_is_reported()
    {
        const string owner = """
            [assembly: {|SF0003:TopologyOwner("Dana Ortiz", "dana@store.example", Backup = " dana ortiz")|}]
            """;
        return Verify.AnalyzerAsync<NamedOwnerAnalyzer>(owner, Entity);
    }

    [Fact]
    public Task An_owner_with_a_different_backup_is_clean()
    {
        const string owner = """
            [assembly: TopologyOwner("Dana Ortiz", "dana@store.example", Backup = "Lee Park")]
            """;
        return Verify.AnalyzerAsync<NamedOwnerAnalyzer>(owner, Entity);
    }

    [Fact]
    public Task A_compilation_without_entities_needs_no_owner()
    {
        const string source = """
            public sealed class Helper
            {
                public int Value { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<NamedOwnerAnalyzer>(source);
    }
}
