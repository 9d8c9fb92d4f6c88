using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Worker.Intake;

/// <summary>What intake concludes about who sent a delivery.</summary>
public enum ShopVerdict
{
    /// <summary>A configured shop, signed with its current or previous secret.</summary>
    Authentic,

    /// <summary>The shop domain is not one this deployment serves.</summary>
    UnknownShop,

    /// <summary>A configured shop, but the signature matches none of its secrets.</summary>
    BadSignature,
}

/// <summary>
/// The shops this deployment serves and the secrets that sign their webhooks. A public app's secret signs
/// deliveries for every shop that installs it, so a valid HMAC alone does not say the delivery is for this
/// store: the shop domain must be one configured here. Two secrets per shop may be active while one is
/// rotated (<c>WebhookSecret</c> and <c>PreviousWebhookSecret</c>).
/// </summary>
public sealed class ShopSecrets
{
    private readonly Dictionary<string, ShopifyHmac[]> _byShop;

    private ShopSecrets(Dictionary<string, ShopifyHmac[]> byShop) => _byShop = byShop;

    /// <summary>The configured shop domains, lower-case.</summary>
    public IReadOnlyCollection<string> Shops => _byShop.Keys;

    /// <summary>
    /// Reads <c>SignalFidelity:Shopify:ShopDomain</c> with its secrets, and every <c>SignalFidelity:Shops:&lt;domain&gt;</c>;
    /// throws naming the setting to add when a shop has no secret or a secret has no shop.
    /// </summary>
    public static ShopSecrets From(WorkerOptions options)
    {
        var byShop = new Dictionary<string, ShopifyHmac[]>(StringComparer.Ordinal);
        var problems = new List<string>();
        var shopify = options.Shopify;
        if (!string.IsNullOrWhiteSpace(shopify.ShopDomain) || !string.IsNullOrWhiteSpace(shopify.WebhookSecret))
        {
            Add(byShop, problems, shopify.ShopDomain, shopify.WebhookSecret, shopify.PreviousWebhookSecret, "SignalFidelity:Shopify");
        }

        foreach (var (domain, shop) in options.Shops)
        {
            Add(byShop, problems, domain, shop.WebhookSecret, shop.PreviousWebhookSecret, $"SignalFidelity:Shops:{domain}");
        }

        if (byShop.Count == 0 && problems.Count == 0)
        {
            problems.Add("No shop is configured: set SignalFidelity:Shopify:ShopDomain (your-store.myshopify.com) and SignalFidelity:Shopify:WebhookSecret "
                + "(environment: SignalFidelity__Shopify__ShopDomain, SignalFidelity__Shopify__WebhookSecret).");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        return new ShopSecrets(byShop);
    }

    /// <summary>
    /// Checks the shop first, then the signature under each of its secrets. Every secret is tried even after a
    /// match would be known, so the time taken does not tell which secret signed.
    /// </summary>
    public ShopVerdict Verify(string shopDomain, ReadOnlySpan<byte> body, string? signature)
    {
        if (!_byShop.TryGetValue(Normalize(shopDomain), out var secrets))
        {
            return ShopVerdict.UnknownShop;
        }

        var authentic = false;
        foreach (var secret in secrets)
        {
            authentic |= secret.IsAuthentic(body, signature);
        }

        return authentic ? ShopVerdict.Authentic : ShopVerdict.BadSignature;
    }

    /// <summary>Shop domains compare as Shopify writes them: lower-case, no scheme, no trailing slash.</summary>
    public static string Normalize(string? shopDomain)
    {
        var domain = (shopDomain ?? string.Empty).Trim().ToLowerInvariant();
        if (domain.StartsWith("https://", StringComparison.Ordinal))
        {
            domain = domain["https://".Length..];
        }

        return domain.TrimEnd('/');
    }

    private static void Add(Dictionary<string, ShopifyHmac[]> byShop, List<string> problems, string? domain, string? secret, string? previous, string section)
    {
        var shop = Normalize(domain);
        if (shop.Length == 0)
        {
            problems.Add($"{section}:ShopDomain is not set: name the shop whose webhooks this worker accepts (your-store.myshopify.com). "
                + "A public app's secret signs deliveries from every shop that installs it, so the secret alone cannot say which store sent one.");
            return;
        }

        if (string.IsNullOrWhiteSpace(secret))
        {
            problems.Add($"{section}:WebhookSecret is not set for shop {shop}: set it to the app's client secret, which signs that shop's webhooks.");
            return;
        }

        if (!byShop.TryAdd(shop, string.IsNullOrWhiteSpace(previous) ? [new ShopifyHmac(secret)] : [new ShopifyHmac(secret), new ShopifyHmac(previous)]))
        {
            problems.Add($"{section}: shop {shop} is configured twice; keep one entry.");
        }
    }
}
