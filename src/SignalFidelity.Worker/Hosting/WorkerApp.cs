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
        var options = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        options.Store.Sqlite = Path.GetFullPath(options.Store.Sqlite);
        var shops = ShopSecrets.From(options);

        var clock = TimeProvider.System;
        var store = await StoreFactory.OpenAsync(options.Store, clock, cancellationToken);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Dispatch);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<ITopologyRuntime>(GeneratedTopologyRuntime.Instance);
        var timeRules = new SourceTimeRules(options.Shopify.FreshnessWindow, options.Shopify.MaxFutureSkew);
        builder.Services.AddSingleton(timeRules);
        builder.Services.AddSingleton(sp => new DeliveryInterpreter(sp.GetRequiredService<ITopologyRuntime>(), timeRules));
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
            sp.GetRequiredService<ILogger<ShopifyWebhookIntake>>()));
        Destinations.Register(builder.Services, options, clock);
        builder.Services.AddSingleton<DestinationHealth>();
        builder.Services.AddSingleton<Dispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Dispatcher>());
        // The body is read under the intake's own cap; Kestrel's is only a backstop.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(options.Shopify.MaxBodyBytes * 2L, 1024 * 1024));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapPost("/webhooks/shopify", (HttpRequest request, ShopifyWebhookIntake intake, CancellationToken ct) => intake.HandleAsync(request, ct));
        app.MapGet("/health", HealthAsync);
        app.MapGet("/status", async (IWorkerStore s, CancellationToken ct) => Results.Json(StatusReport.From(await s.GetStatsAsync(ct)) with
        {
            FutureTimesClamped = timeRules.FutureTimesClamped,
            DeliveriesOutsideWindow = timeRules.OutsideWindow,
        }));
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            app.Services.GetRequiredService<GroupCommitter>().DisposeAsync().AsTask().GetAwaiter().GetResult();
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        return app;
    }

    private static async Task<IResult> HealthAsync(IWorkerStore store, DestinationHealth destinations, CancellationToken cancellationToken)
    {
        QueueStats stats;
        try
        {
            stats = await store.GetStatsAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Results.Json(new { status = "unhealthy", store = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var reachable = await destinations.CheckAsync(cancellationToken);
        // Intake keeps working without any destination (deliveries wait in the store), so this is
        // "degraded", not "unhealthy": Shopify must keep getting its 200s.
        var status = reachable.Values.Any(r => r) ? "healthy" : "degraded";
        return Results.Json(new { status, store = "ok", destinations = reachable, queue = StatusReport.From(stats) });
    }
}
