using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Intake;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>
/// Deliveries a test sends to the worker itself, signed with the sandbox shop's secret as Shopify signs them, built
/// from Shopify's own sample bodies in shared/reference.
/// </summary>
internal static class SandboxDeliveries
{
    /// <summary>Posts a signed delivery and returns intake's status ("stored", "duplicate", "not-applied", ...).</summary>
    public static async Task<string> PostAsync(SandboxHost sandbox, RunningWorker worker, string topic, string body, string? eventId = null)
    {
        var signature = new ShopifyHmac(sandbox.ShopifyWebhookSecret).Sign(Encoding.UTF8.GetBytes(body));
        using var response = await worker.PostAsync(topic, body, eventId: eventId, signature: signature);
        Assert.Equal(200, (int)response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("status").GetString()!;
    }

    /// <summary>
    /// A <c>customer.tags_added</c> or <c>customer.tags_removed</c> body in the shape of Shopify's sample (the two topics'
    /// schemas are the same: customerId, tags, occurredAt).
    /// </summary>
    public static string Tags(string customerGid, DateTimeOffset occurredAt, params string[] tags)
    {
        var body = JsonNode.Parse(SharedReference.ShopifyWebhook("customer_tags_added.json"))!;
        body["customerId"] = customerGid;
        body["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray());
        body["occurredAt"] = occurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return body.ToJsonString();
    }

    /// <summary>Shopify's <c>customers/merge</c> sample with the given ids and status; a completed merge reports no errors.</summary>
    public static string Merge(string keptGid, string mergedAwayGid, string status)
    {
        var body = JsonNode.Parse(SharedReference.ShopifyWebhook("customers_merge.json"))!;
        body["admin_graphql_api_customer_kept_id"] = keptGid;
        body["admin_graphql_api_customer_deleted_id"] = mergedAwayGid;
        body["status"] = status;
        if (status == "completed")
        {
            body["errors"] = new JsonArray();
        }

        return body.ToJsonString();
    }

    /// <summary>Shopify's <c>customers/create</c> sample for one customer.</summary>
    public static JsonObject CustomerCreated(long id, string email, string firstName, string lastName, string phone, DateTimeOffset updatedAt)
    {
        var body = (JsonObject)JsonNode.Parse(SharedReference.ShopifyWebhook("customers_create.json"))!;
        body["id"] = id;
        body["admin_graphql_api_id"] = $"gid://shopify/Customer/{id}";
        body["email"] = email;
        body["first_name"] = firstName;
        body["last_name"] = lastName;
        body["phone"] = phone;
        var at = updatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        body["created_at"] = at;
        body["updated_at"] = at;
        return body;
    }
}
