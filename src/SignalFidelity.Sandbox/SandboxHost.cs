using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SignalFidelity.Sandbox.Alerts;
using SignalFidelity.Sandbox.Faults;
using SignalFidelity.Sandbox.Http;
using SignalFidelity.Sandbox.HubSpot;
using SignalFidelity.Sandbox.Klaviyo;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Sandbox;

/// <summary>
/// One Kestrel app on 127.0.0.1 serving the Shopify, Klaviyo and HubSpot simulators over real HTTP,
/// with in-memory state. Tests, the CLI and the worker start it in-process:
/// <code>await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());</code>
/// and point the production clients at <see cref="ShopifyBaseUrl"/>, <see cref="KlaviyoBaseUrl"/>
/// and <see cref="HubSpotBaseUrl"/> with the secrets below. The simulators' state is the ground truth.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, SandboxOptions options, ShopifySimulator shopify, KlaviyoSimulator klaviyo,
        HubSpotSimulator hubSpot, SlackWebhookSimulator slack, ShopifyWebhookDispatcher webhooks, TrafficLog traffic, Uri root)
    {
        Slack = slack;
        _app = app;
        Options = options;
        Shopify = shopify;
        Klaviyo = klaviyo;
        HubSpot = hubSpot;
        Webhooks = webhooks;
        Traffic = traffic;
        RootUrl = root;
    }

    public SandboxOptions Options { get; }
    public TimeProvider Clock => Options.Clock;
    public Uri RootUrl { get; }

    /// <summary>The shop's base URL; the GraphQL endpoint is <c>admin/api/2026-04/graphql.json</c> under it.</summary>
    public Uri ShopifyBaseUrl => new(RootUrl, ShopifySimulator.Prefix.TrimStart('/') + "/");
    public Uri KlaviyoBaseUrl => new(RootUrl, KlaviyoSimulator.Prefix.TrimStart('/') + "/");
    public Uri HubSpotBaseUrl => new(RootUrl, HubSpotSimulator.Prefix.TrimStart('/') + "/");

    public string ShopifyAccessToken => Options.Shopify.AccessToken;
    public string ShopifyWebhookSecret => Options.Shopify.WebhookSecret;
    public string KlaviyoApiKey => Options.Klaviyo.ApiKey;
    public string HubSpotAccessToken => Options.HubSpot.AccessToken;

    public ShopifySimulator Shopify { get; }
    public KlaviyoSimulator Klaviyo { get; }
    public HubSpotSimulator HubSpot { get; }

    /// <summary>A Slack incoming webhook: where alerts go in the demo, and what they said.</summary>
    public SlackWebhookSimulator Slack { get; }

    /// <summary>The Slack incoming webhook's URL (<c>SignalFidelity:Alerts:Slack:WebhookUrl</c>).</summary>
    public Uri SlackWebhookUrl => new(RootUrl, SlackWebhookSimulator.WebhookPath.TrimStart('/'));
    public ShopifyWebhookDispatcher Webhooks { get; }
    public TrafficLog Traffic { get; }

    public static async Task<SandboxHost> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Embedded: the host process owns Ctrl+C and SIGTERM, so the web host must not claim them.
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var app = builder.Build();

        var traffic = new TrafficLog();
        var store = new ShopifyStore { ShopDomain = options.Shopify.ShopDomain };
        var shopify = new ShopifySimulator(options.Shopify, options.Clock, new FaultInjector(options.ShopifyFaults, options.Clock, options.Seed, traffic), traffic, store);
        var klaviyo = new KlaviyoSimulator(options.Klaviyo, options.Clock, new FaultInjector(options.KlaviyoFaults, options.Clock, options.Seed + 1, traffic), traffic);
        var hubSpot = new HubSpotSimulator(options.HubSpot, options.Clock, new FaultInjector(options.HubSpotFaults, options.Clock, options.Seed + 2, traffic), traffic);
        var webhooks = new ShopifyWebhookDispatcher(options.Webhooks, options.Shopify, store.ShopDomain, options.Clock, options.Seed + 3, store.WebhookSubscriptions);
        shopify.TopicRaised += (topic, payload) => webhooks.Publish(topic, payload, (string?)payload["customerId"]);

        shopify.Map(app);
        klaviyo.Map(app);
        hubSpot.Map(app);
        var slack = new SlackWebhookSimulator();
        slack.Map(app);
        app.MapGet("/", () => "SignalFidelity sandbox: /shopify, /klaviyo, /hubspot, /slack");

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxHost(app, options, shopify, klaviyo, hubSpot, slack, webhooks, traffic, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Raises a Shopify webhook event (orders/create, customers/update, ...) for delivery to the configured target.</summary>
    public void RaiseWebhook(string topic, JsonObject payload, string? resourceId = null) => Webhooks.Publish(topic, payload, resourceId);

    public async Task StopAsync(CancellationToken cancellationToken = default) => await _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Webhooks.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A host lifetime that ignores process signals: whoever embeds the sandbox decides when it stops.</summary>
internal sealed class EmbeddedLifetime : Microsoft.Extensions.Hosting.IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
