using System.Globalization;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace SignalFidelity.Connectors.Pacing;

/// <summary>
/// Klaviyo limits each endpoint separately: a burst per second and a steady rate per minute (from each
/// operation's x-klaviyo-ratelimit). One <see cref="RollingWindowPacer"/> per operation; a 429's
/// Retry-After and a RateLimit-Remaining of 0 hold that operation until the vendor says it has room.
/// </summary>
public sealed partial class KlaviyoPacer(TimeProvider clock) : IRequestPacer
{
    /// <summary>Burst per second and steady per minute, by operation, as the 2026-07-15 OpenAPI states them.</summary>
    public static readonly IReadOnlyDictionary<string, (int Burst, int Steady)> Limits = new Dictionary<string, (int, int)>
    {
        ["POST /api/profile-import"] = (75, 750),
        ["GET /api/profiles"] = (75, 750),
        ["GET /api/profiles/{id}"] = (75, 750),
        ["POST /api/profile-bulk-import-jobs"] = (10, 150),
        ["GET /api/profile-bulk-import-jobs/{job_id}"] = (10, 150),
        ["GET /api/profile-bulk-import-jobs/{id}/import-errors"] = (10, 150),
        ["POST /api/events"] = (350, 3500),
        ["GET /api/events"] = (350, 3500),
        ["GET /api/metrics"] = (10, 150),
        ["POST /api/data-privacy-deletion-jobs"] = (3, 60),
        ["POST /api/profile-merge"] = (10, 150),
    };

    private readonly ConcurrentDictionary<string, RollingWindowPacer> _byOperation = new(StringComparer.Ordinal);

    public static string OperationOf(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var api = path.IndexOf("/api/", StringComparison.Ordinal);
        var relative = (api >= 0 ? path[api..] : path).TrimEnd('/');
        relative = ImportErrors().IsMatch(relative) ? "/api/profile-bulk-import-jobs/{id}/import-errors"
            : ImportJob().IsMatch(relative) ? "/api/profile-bulk-import-jobs/{job_id}"
            : ProfileById().IsMatch(relative) ? "/api/profiles/{id}"
            : relative;
        return $"{request.Method.Method} {relative}";
    }

    private RollingWindowPacer For(string operation) => _byOperation.GetOrAdd(operation, op =>
    {
        var (burst, steady) = Limits.TryGetValue(op, out var l) ? l : (3, 60);
        return new RollingWindowPacer(clock, (burst, TimeSpan.FromSeconds(1)), (steady, TimeSpan.FromMinutes(1)));
    });

    public ValueTask<IDisposable> AcquireAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        For(OperationOf(request)).AcquireAsync(cancellationToken);

    public ValueTask ObserveAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var pacer = For(OperationOf(request));
        var now = clock.GetUtcNow();
        if ((int)response.StatusCode == 429)
        {
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            pacer.BlockUntil(now + wait);
        }
        else if (Header(response, "RateLimit-Remaining") == 0 && Header(response, "RateLimit-Reset") is { } reset)
        {
            pacer.BlockUntil(now + TimeSpan.FromSeconds(reset));
        }
        return ValueTask.CompletedTask;
    }

    private static int? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    [GeneratedRegex(@"^/api/profile-bulk-import-jobs/[^/]+/import-errors$")]
    private static partial Regex ImportErrors();

    [GeneratedRegex(@"^/api/profile-bulk-import-jobs/[^/]+$")]
    private static partial Regex ImportJob();

    [GeneratedRegex(@"^/api/profiles/[^/]+$")]
    private static partial Regex ProfileById();
}
