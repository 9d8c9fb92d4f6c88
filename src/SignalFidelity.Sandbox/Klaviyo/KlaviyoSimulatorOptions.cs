namespace SignalFidelity.Sandbox.Klaviyo;

/// <summary>Per-endpoint limits as Klaviyo documents them: a burst per second and a steady rate per minute.</summary>
public sealed record KlaviyoEndpointLimit(int BurstPerSecond, int SteadyPerMinute);

public sealed class KlaviyoSimulatorOptions
{
    public const string Revision = "2026-07-15";

    public string ApiKey { get; set; } = "pk_sandbox_" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>
    /// Limits by operation ("POST /api/profile-import"), from each operation's x-klaviyo-ratelimit in the
    /// OpenAPI (2026-07-15). GET /api/metrics and POST /api/data-privacy-deletion-jobs are outside the stored spec; their limits are Klaviyo's documented ones.
    /// </summary>
    public Dictionary<string, KlaviyoEndpointLimit> Limits { get; } = new(StringComparer.Ordinal)
    {
        ["POST /api/profile-import"] = new(75, 750),
        ["GET /api/profiles"] = new(75, 750),
        ["GET /api/profiles/{id}"] = new(75, 750),
        ["POST /api/profile-bulk-import-jobs"] = new(10, 150),
        ["GET /api/profile-bulk-import-jobs/{job_id}"] = new(10, 150),
        ["GET /api/profile-bulk-import-jobs/{id}/import-errors"] = new(10, 150),
        ["POST /api/events"] = new(350, 3500),
        ["GET /api/events"] = new(350, 3500),
        ["GET /api/metrics"] = new(10, 150),
        ["POST /api/data-privacy-deletion-jobs"] = new(3, 60),
        ["POST /api/profile-merge"] = new(10, 150),
    };

    /// <summary>
    /// The scopes the sandbox's private key carries; null is a full-access key. A request whose operation needs a
    /// scope the key lacks is answered 403 <c>permission_denied</c>. A <c>:write</c> scope also grants its
    /// <c>:read</c>, as Klaviyo's "Full Access" level does.
    /// </summary>
    public HashSet<string>? GrantedScopes { get; set; }

    /// <summary>
    /// The scopes each operation needs, from each operation's x-klaviyo-scopes in the OpenAPI (2026-07-15);
    /// GET /api/metrics and POST /api/data-privacy-deletion-jobs are outside the stored spec and carry Klaviyo's documented scopes.
    /// </summary>
    public Dictionary<string, string[]> Scopes { get; } = new(StringComparer.Ordinal)
    {
        ["POST /api/profile-import"] = ["profiles:write"],
        ["GET /api/profiles"] = ["profiles:read"],
        ["GET /api/profiles/{id}"] = ["profiles:read"],
        ["POST /api/profile-bulk-import-jobs"] = ["lists:write", "profiles:write"],
        ["GET /api/profile-bulk-import-jobs/{job_id}"] = ["lists:read", "profiles:read"],
        ["GET /api/profile-bulk-import-jobs/{id}/import-errors"] = ["profiles:read"],
        ["POST /api/events"] = ["events:write"],
        ["GET /api/events"] = ["events:read"],
        ["GET /api/metrics"] = ["metrics:read"],
        ["POST /api/data-privacy-deletion-jobs"] = ["data-privacy:write"],
        ["POST /api/profile-merge"] = ["profiles:write"],
    };

    /// <summary>The scopes of <paramref name="operation"/> the key lacks (none for a full-access key).</summary>
    public IReadOnlyList<string> MissingScopes(string operation) =>
        GrantedScopes is not { } granted
            ? []
            : Scopes.GetValueOrDefault(operation, []).Where(s => !granted.Contains(s) && !(s.EndsWith(":read", StringComparison.Ordinal)
                && granted.Contains(s[..^":read".Length] + ":write"))).ToList();

    /// <summary>
    /// How fast the simulated import pipeline works through bulk jobs, in profiles per simulated second.
    /// Klaviyo publishes no figure; this is the sandbox's stated assumption and the bulk ceiling benchmarks compare against.
    /// </summary>
    public double BulkImportProfilesPerSecond { get; set; } = 5_000;

    public int MaxProfileImportBytes { get; set; } = 100 * 1024;
    public int MaxProfilesPerJob { get; set; } = 10_000;
    public int MaxJobBytes { get; set; } = 5 * 1024 * 1024;
}
