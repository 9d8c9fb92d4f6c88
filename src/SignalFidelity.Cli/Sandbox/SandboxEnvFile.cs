using SignalFidelity.Sandbox;

namespace SignalFidelity.Cli.Sandbox;

/// <summary>
/// The worker's configuration for the running simulators as <c>KEY=VALUE</c> lines, so
/// <c>set -a; . PATH; set +a</c> points a worker (or any tool reading <c>SignalFidelity__*</c>) at them.
/// Written once the simulators listen, to a temporary file first and then moved, so a reader waiting
/// for the file never sees half of it.
/// </summary>
internal static class SandboxEnvFile
{
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(SandboxHost sandbox) =>
    [
        new("SignalFidelity__Shopify__WebhookSecret", sandbox.ShopifyWebhookSecret),
        new("SignalFidelity__Shopify__AdminBaseUrl", sandbox.ShopifyBaseUrl.ToString()),
        new("SignalFidelity__Shopify__AccessToken", sandbox.ShopifyAccessToken),
        new("SignalFidelity__Shopify__ShopDomain", sandbox.Shopify.Store.ShopDomain),
        new("SignalFidelity__Klaviyo__BaseUrl", sandbox.KlaviyoBaseUrl.ToString()),
        new("SignalFidelity__Klaviyo__ApiKey", sandbox.KlaviyoApiKey),
        new("SignalFidelity__HubSpot__BaseUrl", sandbox.HubSpotBaseUrl.ToString()),
        new("SignalFidelity__HubSpot__AccessToken", sandbox.HubSpotAccessToken),
    ];

    public static async Task WriteAsync(string path, SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        // Values are URLs and generated secrets (no spaces or quotes), so plain KEY=VALUE is valid shell and dotenv alike.
        await File.WriteAllLinesAsync(temporary, Settings(sandbox).Select(s => $"{s.Key}={s.Value}"), cancellationToken);
        File.Move(temporary, full, overwrite: true);
    }
}
