using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Pipeline;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// Builds the worker: configuration from appsettings.json, the environment and the command line
/// (ASP.NET Core's usual binding, <c>--urls</c> included), the store, intake, the dispatcher and the
/// schedules. Intake needs only the webhook secret and the store; with no destination reachable,
/// deliveries are stored and wait, and <c>/health</c> says degraded.
/// </summary>
public static class WorkerApp
{
    /// <summary>Builds the app; <paramref name="configure"/> lets tests and the CLI add services (for example destination writers).</summary>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        WorkerLogging.ApplyQuietDefaults(builder.Configuration);
        // Checked before the store is opened (which happens before Build): a bad value stops here, named with its key.
        var options = WorkerOptionsValidation.BindAndValidate(builder.Configuration);
        WorkerOptionsValidation.Register(builder.Services, builder.Configuration);
        options.Store.Sqlite = Path.GetFullPath(options.Store.Sqlite);
        var shops = ShopSecrets.From(options);

        var clock = TimeProvider.System;
        IWorkerStore store;
        using (var bootstrapLogging = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole()))
        {
            store = await StoreStartup.OpenAsync(options.Store, StoreFactory.MainShopOf(options), clock, bootstrapLogging.CreateLogger(typeof(WorkerApp)), cancellationToken);
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Dispatch);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<ITopologyRuntime>(GeneratedTopologyRuntime.Instance);
        var timeRules = new SourceTimeRules(options.Shopify.FreshnessWindow, options.Shopify.MaxFutureSkew);
        builder.Services.AddSingleton(timeRules);
        // Each shop's Shopify connector is there when its Admin API is configured (Destinations.Register: the main shop's in
        // these services, another's in its ShopWorkers services); without it a field named by reference is left to
        // reconciliation, counted as unresolved.
        builder.Services.AddSingleton(sp => new ReferenceResolver(
            shop => shop is null || ShopSecrets.Normalize(shop) == StoreFactory.MainShopOf(options)
                ? sp.GetService<SignalFidelity.Connectors.Shopify.ShopifyClient>()
                : sp.GetRequiredService<ShopWorkers>().ServicesOf(shop)?.GetService<SignalFidelity.Connectors.Shopify.ShopifyClient>(),
            sp.GetRequiredService<ILogger<ReferenceResolver>>(), sp.GetRequiredService<WorkerMetrics>()));
        builder.Services.AddSingleton(sp => new DeliveryInterpreter(sp.GetRequiredService<ITopologyRuntime>(), timeRules, sp.GetRequiredService<ReferenceResolver>()));
        builder.Services.AddSingleton(sp => new ComplianceHandler(
            store, sp.GetRequiredService<ITopologyRuntime>(), Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Store.Sqlite)) ?? ".", "data-requests")));
        builder.Services.AddSingleton(shops);
        builder.Services.AddSingleton(new GroupCommitter(store));
        builder.Services.AddSingleton(sp => new ShopifyWebhookIntake(
            store,
            sp.GetRequiredService<GroupCommitter>(),
            sp.GetRequiredService<DeliveryInterpreter>(),
            timeRules,
            sp.GetRequiredService<ComplianceHandler>(),
            sp.GetRequiredService<ShopSecrets>(),
            options.Shopify.MaxBodyBytes,
            clock,
            sp.GetRequiredService<ILogger<ShopifyWebhookIntake>>(),
            sp.GetRequiredService<WorkerMetrics>(),
            sp.GetService<ShopifyApiVersionWatch>()));
        // The pin is the topology's, read from the generated manifest; with none pinned there is nothing to compare.
        if (SignalFidelity.Generated.GeneratedTopologyManifest.Instance.VendorApis.FirstOrDefault(v => v.System == SyncSystem.Shopify) is { } pin)
        {
            var reviewsDirectory = Path.Combine(builder.Environment.ContentRootPath, options.Reviews.Directory);
            builder.Services.AddSingleton(sp => new ShopifyApiVersionWatch(
                store, pin.Version, new Audit.Reviews.ReviewFolder(reviewsDirectory), sp.GetRequiredService<ILogger<ShopifyApiVersionWatch>>()));
        }

        WorkerTelemetry.Register(builder);
        // The main shop runs in the app's own services; every other shop alike in its own (ShopWorkers).
        var shopSettings = ShopOptions.All(options);
        Destinations.Register(builder.Services, shopSettings[0].Options, clock);
        builder.Services.AddSingleton<DestinationHealth>();
        builder.Services.AddSingleton<Dispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Dispatcher>());
        builder.Services.AddSingleton(sp => new ShopWorkers(shopSettings.Skip(1), store, clock, sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ShopWorkers>());
        // The body is read under the intake's own cap; Kestrel's is only a backstop.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(options.Shopify.MaxBodyBytes * 2L, 1024 * 1024));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapPost("/webhooks/shopify", (HttpRequest request, ShopifyWebhookIntake intake, CancellationToken ct) => intake.HandleAsync(request, ct));
        app.MapGet("/health", WorkerHealth.HandleAsync);
        WorkerTelemetry.Map(app);
        // The main shop's numbers at the top level (as a single-shop worker always answered), and every shop's in "shops".
        app.MapGet("/status", async (IWorkerStore s, ReferenceResolver references, CancellationToken ct) =>
        {
            var shops = new List<StatusReport>();
            foreach (var (shop, _, _) in shopSettings)
            {
                var view = s.ForShop(shop);
                shops.Add(await StatusReport.From(await view.GetStatsAsync(ct)).WithAlertsAsync(view, options.Alerts, ct));
            }

            return Results.Json(shops[0] with
            {
                FutureTimesClamped = timeRules.FutureTimesClamped,
                DeliveriesOutsideWindow = timeRules.OutsideWindow,
                ReferencesUnresolved = references.Unresolved,
                Shops = shops,
            });
        });
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            app.Services.GetRequiredService<GroupCommitter>().DisposeAsync().AsTask().GetAwaiter().GetResult();
            app.Services.GetRequiredService<ShopWorkers>().DisposeAsync().AsTask().GetAwaiter().GetResult();
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        return app;
    }
}
