using SignalFidelity.Connectors.HubSpot;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.Tests;

/// <summary>
/// Each client driven against its simulator's limit: nothing lost, and no more 429s than the vendor's
/// signals make unavoidable. Clocks are compressed so simulated minutes take real seconds.
/// </summary>
public sealed class PacingAndResilienceTests
{
    private static KlaviyoProfile Profile(int i) => new() { Email = $"p{i}@example.com", Properties = new Dictionary<string, object?> { ["order_count"] = i } };

    [Fact]
    public async Task Klaviyo_profile_import_past_the_steady_limit_loses_nothing_and_is_never_throttled()
    {
        // 900 upserts exceed the 750-per-minute steady window: the pacer must spread them over it.
        await using var scope = await SandboxScope.StartAsync(clockScale: 30);
        var started = scope.Sandbox.Clock.GetUtcNow();
        var result = await scope.Klaviyo.UpsertProfilesAsync(Enumerable.Range(0, 900).Select(Profile).ToList());
        var simulated = scope.Sandbox.Clock.GetUtcNow() - started;

        Assert.Equal(900, result.Written);
        Assert.Equal(900, scope.Sandbox.Klaviyo.State.ProfileCount);
        Assert.Equal(0, scope.Sandbox.Traffic["klaviyo POST /api/profile-import"].Throttled);
        Assert.True(simulated >= TimeSpan.FromSeconds(55), $"900 writes took only {simulated.TotalSeconds:0} simulated s: the steady limit was not honoured");
    }

    [Fact]
    public async Task HubSpot_batches_fill_the_ten_second_window_without_a_429()
    {
        await using var scope = await SandboxScope.StartAsync(clockScale: 20, configure: o => o.HubSpot.TenSecondLimitOverride = 20);
        var contacts = Enumerable.Range(0, 6_000).Select(i => new HubSpotContactInput("email", $"c{i}@example.com", new Dictionary<string, string?> { ["order_count"] = "1" })).ToList();

        var result = await scope.HubSpot.UpsertContactsAsync(contacts);

        Assert.Equal(6_000, result.Written);
        Assert.Equal(6_000, scope.Sandbox.HubSpot.State.ContactCount);
        Assert.Equal(0, scope.Sandbox.Traffic.TotalThrottled("hubspot"));
    }

    [Fact]
    public async Task Server_errors_and_dropped_connections_are_retried_until_every_record_lands()
    {
        await using var scope = await SandboxScope.StartAsync(clockScale: 20, configure: o =>
        {
            o.KlaviyoFaults.ServerErrorRate = 0.2;
            o.KlaviyoFaults.DropRate = 0.1;
            o.HubSpotFaults.ServerErrorRate = 0.2;
            o.HubSpotFaults.DropRate = 0.1;
        });
        var klaviyo = await scope.Klaviyo.UpsertProfilesAsync(Enumerable.Range(0, 200).Select(Profile).ToList());
        var hubspot = await scope.HubSpot.UpsertContactsAsync(Enumerable.Range(0, 1_000).Select(i => new HubSpotContactInput("email", $"c{i}@example.com", new Dictionary<string, string?>())).ToList());

        Assert.Equal(200, klaviyo.Written);
        Assert.Equal(200, scope.Sandbox.Klaviyo.State.ProfileCount);
        Assert.Equal(1_000, hubspot.Written);
        Assert.Equal(1_000, scope.Sandbox.HubSpot.State.ContactCount);
        Assert.True(scope.Sandbox.Traffic["klaviyo POST /api/profile-import"].Faulted > 0, "no fault was injected: the test proved nothing");
    }

    [Fact]
    public async Task A_429_storm_is_waited_out_with_Retry_After()
    {
        await using var scope = await SandboxScope.StartAsync(clockScale: 20);
        scope.Sandbox.Options.KlaviyoFaults.StormUntil = scope.Sandbox.Clock.GetUtcNow().AddSeconds(60);
        var result = await scope.Klaviyo.UpsertProfilesAsync(Enumerable.Range(0, 50).Select(Profile).ToList());

        Assert.Equal(50, result.Written);
        Assert.True(scope.Sandbox.Clock.GetUtcNow() >= scope.Sandbox.Options.KlaviyoFaults.StormUntil);
        // Each 429 holds the whole operation until Retry-After (1 s), so at most the requests already in
        // flight (16) are refused per second of storm, not every profile on every backoff step.
        Assert.InRange(scope.Sandbox.Traffic["klaviyo POST /api/profile-import"].Throttled, 1, 60 * 16);
    }

    [Fact]
    public async Task When_the_budget_is_spent_the_failure_carries_every_unwritten_record()
    {
        var budget = SandboxScope.FastResilience with { MaxRetries = 2, TotalBudget = TimeSpan.FromSeconds(20) };
        await using var scope = await SandboxScope.StartAsync(clockScale: 20, configure: o => o.KlaviyoFaults.ServerErrorRate = 1, resilience: budget);
        var profiles = Enumerable.Range(0, 20).Select(Profile).ToList();

        var e = await Assert.ThrowsAsync<ConnectorWriteException<KlaviyoProfile>>(() => scope.Klaviyo.UpsertProfilesAsync(profiles));

        Assert.Equal(profiles.ToHashSet(), e.Unwritten.ToHashSet());
        Assert.Equal(0, scope.Sandbox.Klaviyo.State.ProfileCount);
    }
}
