using System.Text.Json;
using System.Text.Json.Serialization;

namespace SignalFidelity.Connectors.Shopify;

/// <summary>
/// One scalar of one object by id (the worker's <c>ShopifyLookups</c>, from Abstractions, name which): <c>query OrderById($id: ID!) { order(id: $id) { createdAt } }</c>
/// (shopify.dev/docs/api/admin-graphql/latest/queries/order: <c>order(id: ID!)</c> returns the Order or null; without
/// the <c>read_all_orders</c> scope only the last 60 days of orders are visible). Paced like every query: one object
/// costs one point.
/// </summary>
public sealed partial class ShopifyClient
{
    /// <summary>The cost Shopify's calculator gives one object with scalar fields.</summary>
    private const int LookupCost = 1;

    /// <summary>
    /// The object <paramref name="id"/> names (<paramref name="rootField"/> of type <paramref name="typeName"/>), holding
    /// <paramref name="valueField"/>, or null when Shopify has no such object (deleted, another shop's, or older than
    /// the token may read).
    /// </summary>
    /// <exception cref="ConnectorException">Shopify did not answer, refused the query, or answered without data.</exception>
    public async Task<JsonElement?> GetObjectFieldAsync(string rootField, string typeName, string valueField, string id, CancellationToken cancellationToken = default)
    {
        var operation = typeName + "ById";
        var query = $"query {operation}($id: ID!) {{\n  {rootField}(id: $id) {{ {valueField} }}\n}}\n";
        var data = await ExecuteAsync(operation, query,
            new Dictionary<string, JsonElement> { ["id"] = Json(id, ShopifyJsonContext.Default.String) }, LookupCost,
            ShopifyLookupJsonContext.Default.JsonElement, cancellationToken);
        return data.TryGetProperty(rootField, out var node) && node.ValueKind == JsonValueKind.Object ? node.Clone() : null;
    }
}

[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ShopifyLookupJsonContext : JsonSerializerContext;
