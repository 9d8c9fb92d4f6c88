using Microsoft.Extensions.DependencyInjection;
using Refit;
using SignalFidelity.Connectors.HubSpot;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Pacing;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Connectors.Shopify;

namespace SignalFidelity.Connectors;

/// <summary>
/// Registers each vendor's Refit client through IHttpClientFactory with the same handler chain:
/// credential header, then the resilience pipeline (budget, retries, attempt timeout), then the vendor's
/// pacer, so every attempt (retries included) is paced by the vendor's own signals, and innermost the
/// send fence, so no attempt leaves once the write's lease is lost.
/// </summary>
public static class ConnectorServiceCollectionExtensions
{
    public static IServiceCollection AddKlaviyoConnector(this IServiceCollection services, KlaviyoConnection connection)
    {
        var pacer = new KlaviyoPacer(connection.Clock);
        services.AddSingleton(connection);
        services.AddSingleton(pacer);
        services.AddRefitGeneratedClient<IKlaviyoApi>(KlaviyoJsonContext.Default)
            .ConfigureHttpClient(c => Configure(c, connection.BaseUrl, connection.UserAgent))
            .AddHttpMessageHandler(() => new HeaderHandler("Authorization", "Klaviyo-API-Key " + connection.ApiKey))
            .AddVendorResilience("klaviyo", connection.Resilience, connection.Clock)
            .AddHttpMessageHandler(() => new PacingHandler(pacer))
            .AddHttpMessageHandler(() => new FencedSendHandler());
        services.AddSingleton(sp => new KlaviyoClient(sp.GetRequiredService<IKlaviyoApi>(), connection));
        return services;
    }

    public static IServiceCollection AddHubSpotConnector(this IServiceCollection services, HubSpotConnection connection)
    {
        var pacer = new HubSpotPacer(connection.Clock, connection.TenSecondLimit, connection.DailyLimit);
        services.AddSingleton(connection);
        services.AddSingleton(pacer);
        services.AddRefitGeneratedClient<IHubSpotApi>(HubSpotJsonContext.Default)
            .ConfigureHttpClient(c => Configure(c, connection.BaseUrl, connection.UserAgent))
            .AddHttpMessageHandler(() => new HeaderHandler("Authorization", "Bearer " + connection.AccessToken))
            .AddVendorResilience("hubspot", connection.Resilience, connection.Clock)
            .AddHttpMessageHandler(() => new PacingHandler(pacer))
            .AddHttpMessageHandler(() => new FencedSendHandler());
        services.AddSingleton(sp => new HubSpotClient(sp.GetRequiredService<IHubSpotApi>(), connection));
        return services;
    }

    private static void Configure(HttpClient client, Uri baseUrl, string? userAgent)
    {
        client.BaseAddress = baseUrl;
        client.Timeout = Timeout.InfiniteTimeSpan;
        if (userAgent is not null) client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
    }

    public static IServiceCollection AddShopifyConnector(this IServiceCollection services, ShopifyConnection connection)
    {
        services.AddSingleton(connection);
        services.AddRefitGeneratedClient<IShopifyGraphQlApi>(ShopifyJsonContext.Default)
            .ConfigureHttpClient(c => { c.BaseAddress = connection.ShopUrl; c.Timeout = Timeout.InfiniteTimeSpan; })
            .AddHttpMessageHandler(() => new HeaderHandler("X-Shopify-Access-Token", connection.AccessToken))
            .AddVendorResilience("shopify", connection.Resilience, connection.Clock)
            .AddHttpMessageHandler(() => new FencedSendHandler());
        // Bulk results are downloaded from a signed URL (cloud storage in production): no token, same resilience.
        services.AddHttpClient(ShopifyClient.BulkDownloadClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddVendorResilience("shopify-bulk-download", connection.Resilience, connection.Clock);
        services.AddSingleton(sp => new ShopifyClient(sp.GetRequiredService<IShopifyGraphQlApi>(),
            sp.GetRequiredService<IHttpClientFactory>(), connection));
        return services;
    }
}
