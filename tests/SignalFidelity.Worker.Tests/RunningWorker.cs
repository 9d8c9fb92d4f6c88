using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests;

/// <summary>
/// The real worker on Kestrel at 127.0.0.1 on a free port, configured the way an operator does it
/// (command-line keys in ASP.NET Core's binding), with a real SQLite file in a temporary folder.
/// </summary>
public sealed class RunningWorker : IAsyncDisposable
{
    public const string Secret = "shpss_test_secret_never_logged";

    private readonly WebApplication _app;

    private RunningWorker(WebApplication app, DirectoryInfo folder)
    {
        _app = app;
        Folder = folder;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Client { get; }

    public DirectoryInfo Folder { get; }

    public IWorkerStore Store => _app.Services.GetRequiredService<IWorkerStore>();

    /// <summary>The worker's services, for a test that runs a schedule's step itself (a CRM poll at a chosen moment).</summary>
    public IServiceProvider Services => _app.Services;

    public ShopifyHmac Hmac { get; } = new(Secret);

    /// <summary>The shop the worker serves unless a test configures another (Shopify's sample payloads name snowdevil).</summary>
    public const string DefaultShop = "snowdevil.myshopify.com";

    /// <summary>The shop this worker was configured with; <see cref="PostAsync"/> sends deliveries as it.</summary>
    public string ShopDomain { get; private init; } = DefaultShop;

    public static async Task<RunningWorker> StartAsync(int maxBodyBytes = 64 * 1024, Action<WebApplicationBuilder>? configure = null, params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("sigfid-worker-test.");
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--SignalFidelity:Shopify:WebhookSecret={Secret}",
            $"--SignalFidelity:Shopify:ShopDomain={DefaultShop}",
            $"--SignalFidelity:Store:Sqlite={Path.Combine(folder.FullName, "worker.db")}",
            $"--SignalFidelity:Shopify:MaxBodyBytes={maxBodyBytes}",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = await WorkerApp.BuildAsync(args, configure);
        await app.StartAsync();
        const string shopArg = "--SignalFidelity:Shopify:ShopDomain=";
        return new RunningWorker(app, folder) { ShopDomain = args.Last(a => a.StartsWith(shopArg, StringComparison.Ordinal))[shopArg.Length..] };
    }

    /// <summary>The topology's pinned Shopify API version, which deliveries carry unless a test says otherwise.</summary>
    public static string PinnedShopifyVersion { get; } =
        SignalFidelity.Generated.GeneratedTopologyManifest.Instance.VendorApis.Single(v => v.System == SyncSystem.Shopify).Version;

    /// <summary>Posts a delivery signed as Shopify signs it; <paramref name="omit"/> drops a header, <paramref name="signature"/> overrides the HMAC.</summary>
    public Task<HttpResponseMessage> PostAsync(
        string topic, string body, string? eventId = null, DateTimeOffset? triggeredAt = null, string? omit = null, string? signature = null,
        string? webhookId = null, string? shop = null, string headerPrefix = "X-Shopify-", string? triggeredAtHeader = null,
        string? apiVersion = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var headers = new Dictionary<string, string>
        {
            [headerPrefix + "Topic"] = topic,
            [headerPrefix + "Hmac-Sha256"] = signature ?? Hmac.Sign(bytes),
            [headerPrefix + "Shop-Domain"] = shop ?? ShopDomain,
            [headerPrefix + "API-Version"] = apiVersion ?? PinnedShopifyVersion,
            [headerPrefix + "Webhook-Id"] = webhookId ?? Guid.NewGuid().ToString(),
            [headerPrefix + "Triggered-At"] = triggeredAtHeader ?? (triggeredAt ?? DateTimeOffset.UtcNow).ToString("O"),
            [headerPrefix + "Event-Id"] = eventId ?? Guid.NewGuid().ToString(),
        };
        foreach (var (name, value) in headers.Where(h => !string.Equals(h.Key, omit, StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temporary folder is cleaned by the system.
        }
    }
}
