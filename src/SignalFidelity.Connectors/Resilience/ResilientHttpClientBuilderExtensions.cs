using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace SignalFidelity.Connectors.Resilience;

internal static class ResilientHttpClientBuilderExtensions
{
    /// <summary>
    /// Total budget, then retries, then a per-attempt timeout, all on the client's clock. 429 honours
    /// Retry-After; a 429 without it (HubSpot) backs off while the pacer holds the next attempt until its window opens.
    /// </summary>
    public static IHttpClientBuilder AddVendorResilience(this IHttpClientBuilder builder, string name, ResilienceSettings settings, TimeProvider clock)
    {
        builder.AddResilienceHandler(name, pipeline =>
        {
            pipeline.TimeProvider = clock;
            pipeline.AddTimeout(settings.TotalBudget);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
                    { Exception: OperationCanceledException } when !args.Context.CancellationToken.IsCancellationRequested => true,
                    { Result: { } r } => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout,
                    _ => false,
                }),
            });
            pipeline.AddTimeout(settings.AttemptTimeout);
        });
        return builder;
    }
}
