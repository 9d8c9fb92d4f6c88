using Refit;

namespace SignalFidelity.Connectors.Shopify;

/// <summary>GraphQL Admin at the pinned API version. The version is part of the URL, so an upgrade is a code change.</summary>
public interface IShopifyGraphQlApi
{
    [Post("/admin/api/" + ShopifyClient.ApiVersion + "/graphql.json")]
    Task<IApiResponse<ShopifyGraphQlResponse>> ExecuteAsync([Body] ShopifyGraphQlRequest request, CancellationToken cancellationToken);
}
