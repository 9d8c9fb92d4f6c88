using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

public sealed class SF0002UnownedFieldTests
{
    [Fact]
    public Task A_property_without_owner_is_reported_at_its_name()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify)]
                public string? Email { get; init; }

                [FlowsTo(SyncSystem.Klaviyo, "vip")]
                public bool {|SF0002:IsVip|} { get; init; }

                public string? {|SF0002:Nickname|} { get; set; }
            }
            """;
        return Verify.AnalyzerAsync<UnownedFieldAnalyzer>(source);
    }

    [Fact]
    public Task Positional_record_parameters_are_fields_too()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer([property: OwnedBy(SyncSystem.Shopify)] string Email, string {|SF0002:Phone|});
            """;
        return Verify.AnalyzerAsync<UnownedFieldAnalyzer>(source);
    }

    [Fact]
    public Task Computed_static_and_non_entity_properties_need_no_owner()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify)]
                public decimal TotalSpent { get; init; }

                public bool IsVip => TotalSpent > 1000m;

                public bool IsBigSpender { get { return TotalSpent > 5000m; } }

                public static string Kind { get; } = "customer";
            }

            public record NotSynced
            {
                public string? Anything { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<UnownedFieldAnalyzer>(source);
    }
}
