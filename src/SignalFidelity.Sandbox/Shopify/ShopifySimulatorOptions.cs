namespace SignalFidelity.Sandbox.Shopify;

public sealed class ShopifySimulatorOptions
{
    public const string ApiVersion = "2026-04";

    public ShopifyPlan Plan { get; set; } = ShopifyPlan.Standard;
    public string AccessToken { get; set; } = "shpat_sandbox_" + Guid.NewGuid().ToString("N");

    /// <summary>The app's client secret: webhooks are signed with it.</summary>
    public string WebhookSecret { get; set; } = "shpss_sandbox_" + Guid.NewGuid().ToString("N");

    /// <summary>The shop's myshopify.com domain (two sandboxes side by side are two shops).</summary>
    public string ShopDomain { get; set; } = "signalfidelity-sandbox.myshopify.com";

    /// <summary>How fast bulk queries run, in objects per simulated second.</summary>
    public double BulkObjectsPerSecond { get; set; } = 20_000;
}
