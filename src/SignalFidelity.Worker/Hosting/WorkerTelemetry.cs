using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// What an operator's monitoring reads: OpenTelemetry metrics on <c>/metrics</c> (Prometheus text), metrics and
/// traces by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (intake to CRM write: the ASP.NET Core request
/// and the vendor HttpClient calls), and ASP.NET Core health checks: <c>/health/live</c> (the process answers)
/// and <c>/health/ready</c> (the store can be read, so deliveries can be accepted). <c>/health</c> keeps its JSON
/// with every destination's reason.
/// </summary>
public static class WorkerTelemetry
{
    private const string Ready = "ready";

    public static void Register(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddHostedService<QueueMetricsRefresher>();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(WorkerMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddOtlpExporter());
        }

        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [Ready]);
    }

    public static void Map(WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
    }

    /// <summary>Ready means intake can store: the store answers. Destinations only degrade (writes wait), so they are not part of it.</summary>
    private sealed class StoreHealthCheck(IWorkerStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await store.GetStatsAsync(cancellationToken);
                return HealthCheckResult.Healthy("the store answers");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("the store cannot be read: " + exception.GetType().Name);
            }
        }
    }
}
