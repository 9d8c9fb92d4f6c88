using SignalFidelity.Sandbox;
using Spectre.Console;

namespace SignalFidelity.Cli.Sandbox;

/// <summary>
/// What a developer needs to point a client at the running simulators, one value per line so URLs and
/// secrets copy whole at any terminal width.
/// </summary>
internal static class SandboxBanner
{
    public static void Write(IAnsiConsole console, SandboxHost sandbox)
    {
        console.Write(new Rule("SignalFidelity sandbox: in-memory simulators on 127.0.0.1").LeftJustified());
        Line(console, "Shopify GraphQL Admin", new Uri(sandbox.ShopifyBaseUrl, $"admin/api/{SignalFidelity.Sandbox.Shopify.ShopifySimulatorOptions.ApiVersion}/graphql.json").ToString());
        Line(console, "  X-Shopify-Access-Token", sandbox.ShopifyAccessToken);
        Line(console, "  webhook HMAC secret", sandbox.ShopifyWebhookSecret);
        Line(console, "  webhooks delivered to", sandbox.Options.Webhooks.TargetUrl?.ToString() ?? "(none: pass --webhook-url)");
        Line(console, $"Klaviyo (revision {SignalFidelity.Sandbox.Klaviyo.KlaviyoSimulatorOptions.Revision})", sandbox.KlaviyoBaseUrl.ToString());
        Line(console, "  Authorization", "Klaviyo-API-Key " + sandbox.KlaviyoApiKey);
        Line(console, "HubSpot CRM v3", sandbox.HubSpotBaseUrl.ToString());
        Line(console, "  Authorization", "Bearer " + sandbox.HubSpotAccessToken);
    }

    private static void Line(IAnsiConsole console, string label, string value) =>
        console.MarkupLine($"{Markup.Escape(label)}: [bold]{Markup.Escape(value)}[/]");
}
