using System.Reflection;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;

namespace SignalFidelity.Generators.Tests;

/// <summary>Runs the mappers the generator emitted while building the default topology.</summary>
public sealed class MapperBehaviourTests
{
    private static readonly Customer Sample = new()
    {
        Email = "ana@example.com",
        Phone = "+15555550100",
        FirstName = "Ana",
        LastName = "Silva",
        TotalSpent = 1234.56m,
        OrderCount = 7,
        LastOrderDate = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
        LastOrderPaymentStatus = "PAID",
        EmailSubscriptionState = "subscribed",
        PrimaryTag = "vip",
        PredictedChurn = 0.12,
        NpsScore = 9,
    };

    [Fact]
    public void Shopify_to_Klaviyo_patch_has_a_member_for_each_Shopify_owned_field_only()
    {
        var members = PublicInstanceProperties(typeof(CustomerShopifyToKlaviyoPatch));

        Assert.Equal(
            ["Destination", "Email", "FirstName", "LastName", "LastOrderDate", "LastOrderPaymentStatus", "OrderCount", "Phone", "Source", "TotalSpent"],
            members);
        Assert.DoesNotContain("PrimaryTag", members);
        Assert.DoesNotContain("EmailSubscriptionState", members);
    }

    [Fact]
    public void Shopify_to_Klaviyo_mapper_copies_the_owned_values_under_Klaviyo_names()
    {
        CustomerShopifyToKlaviyoPatch patch = CustomerShopifyToKlaviyoMapper.Map(Sample);

        Assert.Equal(SyncSystem.Shopify, patch.Source);
        Assert.Equal(SyncSystem.Klaviyo, patch.Destination);
        Assert.Equal(1234.56m, patch.TotalSpent);
        Assert.Equal(Sample.LastOrderDate, patch.LastOrderDate);
        var properties = patch.ToProperties();
        Assert.Equal(
            ["email", "phone_number", "first_name", "last_name", "total_spent", "order_count", "last_order_date", "last_order_payment_status"],
            properties.Select(p => p.Key));
        Assert.Equal(CustomerShopifyToKlaviyoPatch.PropertyNames, properties.Select(p => p.Key));
        Assert.Equal(7, properties.Single(p => p.Key == "order_count").Value);
        Assert.DoesNotContain(properties, p => Equals(p.Value, "vip") || Equals(p.Value, "subscribed"));
    }

    [Fact]
    public void Klaviyo_to_Shopify_mapper_carries_only_the_primary_tag_into_tags()
    {
        Assert.Equal(["Destination", "PrimaryTag", "Source"], PublicInstanceProperties(typeof(CustomerKlaviyoToShopifyPatch)));

        var properties = CustomerKlaviyoToShopifyMapper.Map(Sample).ToProperties();

        var only = Assert.Single(properties);
        Assert.Equal("tags", only.Key);
        Assert.Equal("vip", only.Value);
    }

    [Fact]
    public void Mapper_refuses_a_missing_snapshot_by_name()
    {
        var error = Assert.Throws<ArgumentNullException>(() => CustomerShopifyToKlaviyoMapper.Map(null!));
        Assert.Equal("entity", error.ParamName);
    }

    [Fact]
    public void Consumers_are_completed_with_topic_destination_entity_and_their_mapper()
    {
        Assert.Equal("orders/create", KlaviyoOrderCreatedProjection.Topic);
        Assert.Equal(SyncSystem.Klaviyo, KlaviyoOrderCreatedProjection.Destination);
        Assert.Equal("customer", KlaviyoOrderCreatedProjection.Entity);
        Assert.Equal(7, KlaviyoPurchasingSummaryProjection.Map(Sample).OrderCount);
    }

    private static List<string> PublicInstanceProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
}
