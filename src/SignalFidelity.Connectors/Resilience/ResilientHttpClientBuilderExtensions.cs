using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace SignalFidelity.Connectors.Resilience;

internal static class ResilientHttpClientBuilderExtensions
{
    private static readonly ResiliencePropertyKey<int> FailureCount = new("signalfidelity.transient-failures");

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
                // 429s are limited by the total budget only: waiting out Retry-After is pacing, not failing.
                // Other failures are counted separately against MaxRetries in ShouldHandle.
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args =>
                {
                    if (args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests }) return ValueTask.FromResult(true);
                    var transient = args.Outcome switch
                    {
                        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
                        { Exception: OperationCanceledException } when !args.Context.CancellationToken.IsCancellationRequested => true,
                        { Result: { } r } => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout,
                        _ => false,
                    };
                    if (!transient) return ValueTask.FromResult(false);
                    var failures = args.Context.Properties.GetValue(FailureCount, 0) + 1;
                    args.Context.Properties.Set(FailureCount, failures);
                    return ValueTask.FromResult(failures <= settings.MaxRetries);
                },
            });
            pipeline.AddTimeout(settings.AttemptTimeout);
        });
        return builder;
    }
}
