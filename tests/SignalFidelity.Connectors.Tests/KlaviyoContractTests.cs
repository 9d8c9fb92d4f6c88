using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Pacing;
using SignalFidelity.Sandbox;

namespace SignalFidelity.Connectors.Tests;

/// <summary>
/// Every Klaviyo request body the client sends and every answer the sandbox gives are checked against
/// Klaviyo's own OpenAPI (2026-07-15), so neither side can drift from the vendor's shapes unnoticed.
/// </summary>
public sealed class KlaviyoContractTests
{
    private static readonly Dictionary<string, (KlaviyoOpenApi Spec, string Path)> Specified = new()
    {
        ["POST /api/profile-import"] = (KlaviyoOpenApi.Profiles, "/api/profile-import"),
        ["GET /api/profiles"] = (KlaviyoOpenApi.Profiles, "/api/profiles"),
        ["GET /api/profiles/{id}"] = (KlaviyoOpenApi.Profiles, "/api/profiles/{id}"),
        ["POST /api/profile-bulk-import-jobs"] = (KlaviyoOpenApi.Profiles, "/api/profile-bulk-import-jobs"),
        ["GET /api/profile-bulk-import-jobs/{job_id}"] = (KlaviyoOpenApi.Profiles, "/api/profile-bulk-import-jobs/{job_id}"),
        ["GET /api/profile-bulk-import-jobs/{id}/import-errors"] = (KlaviyoOpenApi.Profiles, "/api/profile-bulk-import-jobs/{id}/import-errors"),
        ["POST /api/events"] = (KlaviyoOpenApi.Events, "/api/events"),
        ["GET /api/events"] = (KlaviyoOpenApi.Events, "/api/events"),
        ["POST /api/profile-merge"] = (KlaviyoOpenApi.Profiles, "/api/profile-merge"),
    };

    [Fact]
    public async Task Every_request_and_response_of_a_full_client_session_fits_the_OpenAPI()
    {
        var requests = new ConcurrentBag<(string Operation, JsonNode Body)>();
        var responses = new ConcurrentBag<(string Operation, int Status, JsonNode Body)>();
        await using var scope = await SandboxScope.StartAsync(clockScale: 20);
        scope.Sandbox.Klaviyo.RequestReceived += (op, body) => requests.Add((op, body.DeepClone()));
        scope.Sandbox.Klaviyo.ResponseWritten += (op, status, body) => responses.Add((op, status, body.DeepClone()));

        var profile = new KlaviyoProfile
        {
            Email = "grace@example.com", PhoneNumber = "+15005550006", FirstName = "Grace", LastName = "Hopper", ExternalId = "shopify-1",
            Properties = new Dictionary<string, object?> { ["total_spent"] = 12.5m, ["order_count"] = 1, ["last_order_date"] = DateTimeOffset.UnixEpoch, ["primary_tag"] = "vip" },
        };
        var id = await scope.Klaviyo.UpsertProfileAsync(profile);                 // 201
        await scope.Klaviyo.UpsertProfileAsync(profile with { LastName = "H." });  // 200
        await scope.Klaviyo.GetProfilesAsync("equals(email,'grace@example.com')").ToListAsync();
        await scope.Klaviyo.GetProfileAsync(id);
        await scope.Klaviyo.GetProfileAsync("01NOPE");                             // 404
        await Assert.ThrowsAnyAsync<Exception>(() => scope.Klaviyo.UpsertProfileAsync(profile with { Email = "bad" })); // 400
        await scope.Klaviyo.ImportProfilesAsync([profile with { Email = "ada@example.com" }, profile with { Email = "broken" }]);
        await scope.Klaviyo.CreateEventAsync(new KlaviyoEvent { MetricName = "Placed Order", Profile = profile, UniqueId = "#1001", Value = 12.5m, Time = DateTimeOffset.UnixEpoch.AddDays(1) });
        await scope.Klaviyo.CountEventsPerDayAsync("Placed Order", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(2));
        var duplicate = await scope.Klaviyo.UpsertProfileAsync(profile with { Email = "grace.old@example.com", PhoneNumber = null, ExternalId = "shopify-2" });
        await scope.Klaviyo.MergeProfilesAsync(id, duplicate);                    // 201
        scope.Sandbox.Options.KlaviyoFaults.StormUntil = scope.Sandbox.Clock.GetUtcNow().AddSeconds(1);
        await scope.Klaviyo.UpsertProfileAsync(profile);                           // 429 first, then 200

        var problems = new List<string>();
        foreach (var (operation, body) in requests)
        {
            var (spec, path) = Specified[operation];
            problems.AddRange(KlaviyoOpenApi.Problems(spec.RequestSchema(operation.Split(' ')[0], path), body).Select(p => $"request {operation}: {p}"));
        }
        foreach (var (operation, status, body) in responses.Where(r => Specified.ContainsKey(r.Operation)))
        {
            var (spec, path) = Specified[operation];
            problems.AddRange(KlaviyoOpenApi.Problems(spec.ResponseSchema(operation.Split(' ')[0], path, status), body).Select(p => $"response {status} {operation}: {p}"));
        }

        Assert.Empty(problems);
        Assert.Contains(requests, r => r.Operation == "POST /api/events");
        Assert.Contains(requests, r => r.Operation == "POST /api/profile-bulk-import-jobs");
        Assert.Contains(responses, r => r.Operation == "POST /api/profile-merge" && r.Status == 201);
        Assert.Equal([200, 201, 202, 400, 404, 429], responses.Select(r => r.Status).Distinct().Order());
    }

    [Fact]
    public void The_pacer_and_the_simulator_use_the_limits_the_OpenAPI_states()
    {
        var simulator = new SandboxOptions().Klaviyo.Limits;
        foreach (var (operation, (spec, path)) in Specified)
        {
            var stated = spec.RateLimit(operation.Split(' ')[0], path);
            Assert.Equal(stated, KlaviyoPacer.Limits[operation]);
            Assert.Equal(stated, (simulator[operation].BurstPerSecond, simulator[operation].SteadyPerMinute));
        }
    }

    [Fact]
    public void The_simulator_asks_for_the_scopes_the_OpenAPI_states()
    {
        var simulator = new SandboxOptions().Klaviyo.Scopes;
        foreach (var (operation, (spec, path)) in Specified)
        {
            Assert.Equal(spec.Scopes(operation.Split(' ')[0], path).Order(), simulator[operation].Order());
        }
    }

    [Fact]
    public async Task A_key_without_a_scope_gets_a_403_that_fits_the_OpenAPI_and_a_wrong_key_a_401()
    {
        var responses = new ConcurrentBag<(string Operation, int Status, JsonNode Body)>();
        await using var scope = await SandboxScope.StartAsync();
        scope.Sandbox.Klaviyo.ResponseWritten += (op, status, body) => responses.Add((op, status, body.DeepClone()));
        scope.Sandbox.Options.Klaviyo.GrantedScopes = ["profiles:write"]; // write grants read of the same resource

        await scope.Klaviyo.GetProfilesAsync(pageSize: 1).ToListAsync();
        var forbidden = await Assert.ThrowsAnyAsync<Resilience.ConnectorException>(() => scope.Klaviyo.CountEventsPerDayAsync("Placed Order", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1)));
        scope.Sandbox.Options.Klaviyo.ApiKey = "pk_rotated_since";
        var refused = await Assert.ThrowsAnyAsync<Resilience.ConnectorException>(() => scope.Klaviyo.GetProfilesAsync(pageSize: 1).ToListAsync());

        Assert.Equal((403, "permission_denied"), (forbidden.StatusCode, forbidden.Refusal?.Code));
        Assert.Equal((401, "not_authenticated"), (refused.StatusCode, refused.Refusal?.Code));
        var (spec, path) = Specified["GET /api/profiles"];
        var errors = responses.Where(r => r.Operation == "GET /api/profiles" && r.Status == 401).Select(r => r.Body).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, body => Assert.Empty(KlaviyoOpenApi.Problems(spec.ResponseSchema("GET", path, 401), body)));
    }
}
