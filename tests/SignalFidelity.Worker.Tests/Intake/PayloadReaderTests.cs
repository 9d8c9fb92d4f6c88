using System.Text;
using System.Text.Json.Nodes;
using SignalFidelity.Worker.Intake;

namespace SignalFidelity.Worker.Tests.Intake;

/// <summary>
/// The generated payload readers on Shopify's own sample bodies: each topic carries exactly the fields the
/// topology declares with [FromWebhook], and a value that does not convert is refused naming topic, path and value.
/// </summary>
public sealed class PayloadReaderTests
{
    private static readonly DateTimeOffset Triggered = new(2026, 11, 27, 16, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Purchasing_summary_carries_the_roll_ups_at_their_declared_paths()
    {
        var facts = Read("customers/purchasing_summary", SharedReference.ShopifyWebhook("customers_purchasing_summary.json"))!;

        Assert.Equal("gid://shopify/Customer/1", facts.CustomerKey);
        Assert.Equal((100.00m, 1), (facts.Snapshot.TotalSpent, facts.Snapshot.OrderCount));
        Assert.Equal(["TotalSpent", "OrderCount"], facts.CarriedFields);
        Assert.Equal(DateTimeOffset.Parse("2005-05-05T05:00:00Z"), facts.SourceTimestamp);
    }

    [Fact]
    public void Customer_update_carries_contact_details_and_never_the_roll_ups()
    {
        var facts = Read("customers/update", SharedReference.ShopifyWebhook("customers_update.json"))!;

        Assert.Equal("gid://shopify/Customer/706405506930370084", facts.CustomerKey);
        Assert.Equal(("bob@biller.com", "Bob", "Biller"), (facts.Snapshot.Email, facts.Snapshot.FirstName, facts.Snapshot.LastName));
        Assert.DoesNotContain("TotalSpent", facts.CarriedFields);
        Assert.DoesNotContain("OrderCount", facts.CarriedFields);
    }

    [Fact]
    public void A_money_amount_that_does_not_read_names_the_topic_the_path_and_the_value()
    {
        var body = JsonNode.Parse(SharedReference.ShopifyWebhook("customers_purchasing_summary.json"))!;
        body["amountSpent"]!["amount"] = "12,O0";

        var error = Assert.Throws<FormatException>(() => Read("customers/purchasing_summary", body.ToJsonString()));

        Assert.Contains("customers/purchasing_summary", error.Message, StringComparison.Ordinal);
        Assert.Contains("amountSpent.amount", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"12,O0\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_given_as_a_JSON_string_or_3_point_0_is_read_as_a_whole_number()
    {
        var body = JsonNode.Parse(SharedReference.ShopifyWebhook("customers_purchasing_summary.json"))!;
        body["numberOfOrders"] = "4";
        Assert.Equal(4, Read("customers/purchasing_summary", body.ToJsonString())!.Snapshot.OrderCount);

        body["numberOfOrders"] = 3.0;
        Assert.Equal(3, Read("customers/purchasing_summary", body.ToJsonString())!.Snapshot.OrderCount);
    }

    [Fact]
    public void A_guest_order_names_no_customer_and_carries_nothing()
    {
        var body = JsonNode.Parse(SharedReference.ShopifyWebhook("orders_create.json"))!.AsObject();
        body.Remove("customer");

        Assert.Null(Read("orders/create", body.ToJsonString()));
    }

    [Fact]
    public void A_topic_no_field_is_read_from_carries_nothing()
    {
        Assert.Null(Read("refunds/create", SharedReference.ShopifyWebhook("refunds_create.json")));
    }

    private static CustomerFacts? Read(string topic, string json) => ShopifyPayloadReader.Read(topic, Encoding.UTF8.GetBytes(json), Triggered);
}
