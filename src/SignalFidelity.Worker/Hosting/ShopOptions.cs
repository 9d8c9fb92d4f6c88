using SignalFidelity.Worker.Intake;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// The settings one shop runs with: the worker's own settings with that shop's Admin API and CRM connections in place of
/// the top-level ones. The main shop takes what <c>SignalFidelity:Shops:&lt;its domain&gt;</c> does not set from the
/// top-level <c>SignalFidelity:Shopify</c>, <c>Klaviyo</c> and <c>HubSpot</c> (a single-shop configuration keeps working);
/// another shop has its own section only, so a shop without a CRM of its own syncs into none rather than into another's.
/// </summary>
public static class ShopOptions
{
    /// <summary>Every shop served (the main one first), each with the settings it runs with and the section its keys are under.</summary>
    public static IReadOnlyList<(string Shop, WorkerOptions Options, string Section)> All(WorkerOptions options)
    {
        var main = StoreFactory.MainShopOf(options);
        var shops = new List<(string, WorkerOptions, string)> { (main, For(options, main), WorkerOptions.Section) };
        foreach (var domain in options.Shops.Keys.Select(ShopSecrets.Normalize).Where(d => d.Length > 0 && d != main).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            shops.Add((domain, For(options, domain), SectionOf(domain)));
        }

        return shops;
    }

    /// <summary>The section a shop's own keys are under (<c>SignalFidelity:Shops:other-store.myshopify.com</c>).</summary>
    public static string SectionOf(string shop) => $"{WorkerOptions.Section}:Shops:{shop}";

    /// <summary>The settings <paramref name="shop"/> runs with.</summary>
    public static WorkerOptions For(WorkerOptions options, string shop)
    {
        var own = options.Shops.FirstOrDefault(s => ShopSecrets.Normalize(s.Key) == shop).Value ?? new ShopCredentials();
        var isMain = shop == StoreFactory.MainShopOf(options);
        return new WorkerOptions
        {
            Shopify = new ShopifyOptions
            {
                ShopDomain = shop,
                WebhookSecret = own.WebhookSecret ?? (isMain ? options.Shopify.WebhookSecret : null),
                PreviousWebhookSecret = own.PreviousWebhookSecret ?? (isMain ? options.Shopify.PreviousWebhookSecret : null),
                FreshnessWindow = options.Shopify.FreshnessWindow,
                MaxFutureSkew = options.Shopify.MaxFutureSkew,
                MaxBodyBytes = options.Shopify.MaxBodyBytes,
                AdminBaseUrl = own.Shopify.AdminBaseUrl ?? (isMain ? options.Shopify.AdminBaseUrl : null),
                AccessToken = own.Shopify.AccessToken ?? (isMain ? options.Shopify.AccessToken : null),
                WebhookUrl = options.Shopify.WebhookUrl, // one worker, one address: every shop's subscriptions point at it
            },
            Store = options.Store,
            Klaviyo = Destination(own.Klaviyo, isMain ? options.Klaviyo : null),
            HubSpot = Destination(own.HubSpot, isMain ? options.HubSpot : null),
            Dispatch = options.Dispatch,
            Schedules = options.Schedules,
            TimeZone = options.TimeZone,
            Reviews = options.Reviews,
            Alerts = options.Alerts,
        };
    }

    private static DestinationOptions Destination(DestinationOptions own, DestinationOptions? fallback) => new()
    {
        BaseUrl = own.BaseUrl ?? fallback?.BaseUrl,
        ApiKey = own.ApiKey ?? fallback?.ApiKey,
        AccessToken = own.AccessToken ?? fallback?.AccessToken,
    };
}
