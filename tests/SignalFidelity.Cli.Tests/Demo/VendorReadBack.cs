using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Klaviyo;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Cli.Tests.Demo;

/// <summary>
/// Reads a value back the way a user would check it: from the CRM through its read API (Klaviyo Get Profiles, HubSpot
/// contacts batch read) and from Shopify through GraphQL Admin, never from the simulators' memory.
/// </summary>
internal static class VendorReadBack
{
    /// <summary>The CRM property of the profile or contact at <paramref name="email"/>, as text (null when unset).</summary>
    public static async Task<string?> CrmValueAsync(SandboxHost sandbox, SyncSystem crm, string email, string property)
    {
        using var http = new HttpClient();
        if (crm == SyncSystem.Klaviyo)
        {
            http.BaseAddress = sandbox.KlaviyoBaseUrl;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Klaviyo-API-Key", sandbox.KlaviyoApiKey);
            http.DefaultRequestHeaders.Add("revision", KlaviyoSimulatorOptions.Revision);
            http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.api+json");
            var answer = await http.GetFromJsonAsync<JsonElement>("api/profiles?filter=" + Uri.EscapeDataString($"equals(email,\"{email}\")"));
            var profile = Assert.Single(answer.GetProperty("data").EnumerateArray().ToList());
            return profile.GetProperty("attributes").GetProperty("properties").TryGetProperty(property, out var value) ? Text(value) : null;
        }

        http.BaseAddress = sandbox.HubSpotBaseUrl;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.HubSpotAccessToken);
        using var response = await http.PostAsJsonAsync("crm/v3/objects/contacts/batch/read", new JsonObject
        {
            ["idProperty"] = "email",
            ["properties"] = new JsonArray(property),
            ["inputs"] = new JsonArray(new JsonObject { ["id"] = email }),
        });
        var contacts = await response.Content.ReadFromJsonAsync<JsonElement>();
        var contact = Assert.Single(contacts.GetProperty("results").EnumerateArray().ToList());
        return contact.GetProperty("properties").TryGetProperty(property, out var text) ? Text(text) : null;
    }

    /// <summary>The customer's value at a GraphQL Admin path such as <c>amountSpent.amount</c> (the topology's OwnedBy property).</summary>
    public static async Task<string?> ShopifyValueAsync(SandboxHost sandbox, long customerId, string dottedPath)
    {
        var parts = dottedPath.Split('.');
        var selection = string.Join(" { ", parts) + string.Concat(Enumerable.Repeat(" }", parts.Length - 1));
        using var http = new HttpClient { BaseAddress = sandbox.ShopifyBaseUrl };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", sandbox.ShopifyAccessToken);
        using var response = await http.PostAsJsonAsync($"admin/api/{ShopifySimulatorOptions.ApiVersion}/graphql.json",
            new JsonObject
            {
                ["operationName"] = "CustomerById",
                ["query"] = $"query CustomerById($id: ID!) {{ customer(id: $id) {{ {selection} }} }}",
                ["variables"] = new JsonObject { ["id"] = $"gid://shopify/Customer/{customerId}" },
            });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.TryGetProperty("data", out var data), body.GetRawText());
        var node = data.GetProperty("customer");
        foreach (var part in parts) node = node.GetProperty(part);
        return Text(node);
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
