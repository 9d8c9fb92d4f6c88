using SignalFidelity.Analyzers.Model;
using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

public sealed class SF0006OwnershipWithoutReasonTests
{
    [Fact]
    public Task Transactional_field_owned_by_a_crm_without_why()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [{|SF0006:OwnedBy(SyncSystem.Klaviyo, Property = "total_spent")|}]
                public decimal TotalSpent { get; init; }

                [{|SF0006:OwnedBy(SyncSystem.HubSpot)|}]
                public string? LastPaymentStatus { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<OwnershipWithoutReasonAnalyzer>(source);
    }

    [Fact]
    public Task Lifecycle_field_owned_by_shopify_without_why()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [{|SF0006:OwnedBy(SyncSystem.Shopify)|}]
                public string? EmailConsent { get; init; }

                [{|SF0006:OwnedBy(SyncSystem.Shopify, Property = "tags")|}]
                public string? Labels { get; init; }

                [{|SF0006:OwnedBy(SyncSystem.Shopify)|}]
                public NpsAnswer? Latest { get; init; }
            }

            public sealed record NpsAnswer(int Value);
            """;
        return Verify.AnalyzerAsync<OwnershipWithoutReasonAnalyzer>(source);
    }

    [Fact]
    public Task A_reason_the_usual_split_or_an_ambiguous_name_is_clean()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Klaviyo, Why = "Klaviyo recomputes spend net of returns for our flows")]
                public decimal TotalSpent { get; init; }

                [OwnedBy(SyncSystem.Shopify)]
                public int OrderCount { get; init; }

                [OwnedBy(SyncSystem.Klaviyo)]
                public double? PredictedChurn { get; init; }

                [OwnedBy(SyncSystem.Klaviyo)]
                public DateTimeOffset? PredictedNextOrderDate { get; init; }

                [OwnedBy(SyncSystem.HubSpot)]
                public string? Email { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<OwnershipWithoutReasonAnalyzer>(source);
    }

    [Theory]
    [InlineData("LastOrderDate", "last,order,date")]
    [InlineData("last_order_date", "last,order,date")]
    [InlineData("NPSScore", "nps,score")]
    [InlineData("emailSubscriptionState", "email,subscription,state")]
    public void Names_split_into_lower_case_words(string name, string expected)
    {
        var words = new List<string>();
        FieldWords.Split(name, words);
        Assert.Equal(expected, string.Join(",", words));
    }
}
