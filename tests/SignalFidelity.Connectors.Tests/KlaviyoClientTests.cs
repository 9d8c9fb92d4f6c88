using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.Tests;

public sealed class KlaviyoClientTests
{
    private static KlaviyoProfile Profile(int i, string? email = null) => new()
    {
        Email = email ?? $"customer{i}@example.com",
        FirstName = "Ada" + i,
        LastName = "Lovelace",
        ExternalId = "shopify-" + i,
        Properties = new Dictionary<string, object?> { ["total_spent"] = 100.5m + i, ["order_count"] = i, ["last_order_date"] = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero) },
    };

    [Fact]
    public async Task Upsert_creates_then_updates_the_same_profile_and_merges_properties()
    {
        await using var scope = await SandboxScope.StartAsync();
        var id = await scope.Klaviyo.UpsertProfileAsync(Profile(1));
        var again = await scope.Klaviyo.UpsertProfileAsync(new KlaviyoProfile
        {
            Email = "  Customer1@Example.com ",
            Properties = new Dictionary<string, object?> { ["order_count"] = 2 },
        });

        Assert.Equal(id, again);
        var stored = Assert.Single(scope.Sandbox.Klaviyo.State.Profiles);
        Assert.Equal("Ada1", stored.FirstName);
        Assert.Equal(2, (int)stored.Properties["order_count"]!);
        Assert.Equal(101.5m, (decimal)stored.Properties["total_spent"]!);
    }

    [Fact]
    public async Task Profiles_by_filter_follow_every_page()
    {
        await using var scope = await SandboxScope.StartAsync();
        await scope.Klaviyo.UpsertProfilesAsync(Enumerable.Range(0, 45).Select(i => Profile(i)).ToList());

        var all = await scope.Klaviyo.GetProfilesAsync(pageSize: 10).ToListAsync();
        var one = await scope.Klaviyo.GetProfilesAsync("equals(email,'customer7@example.com')").ToListAsync();
        var fetched = await scope.Klaviyo.GetProfileAsync(one[0].Id!);

        Assert.Equal(45, all.Select(p => p.Id).Distinct().Count());
        Assert.Equal("customer7@example.com", Assert.Single(one).Attributes.Email);
        Assert.Equal("Ada7", fetched!.Attributes.FirstName);
        Assert.Null(await scope.Klaviyo.GetProfileAsync("01DOESNOTEXIST"));
    }

    [Fact]
    public async Task Bulk_import_splits_into_jobs_waits_for_them_and_reports_refused_profiles()
    {
        await using var scope = await SandboxScope.StartAsync(clockScale: 20, o => o.Klaviyo.MaxProfilesPerJob = 10_000);
        var profiles = Enumerable.Range(0, 12_000).Select(i => Profile(i)).ToList();
        profiles[17] = Profile(17, email: "not-an-email");

        var outcome = await scope.Klaviyo.ImportProfilesAsync(profiles);

        Assert.Equal(2, outcome.JobIds.Count);
        Assert.Equal(11_999, outcome.Imported);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("not-an-email", error.Email);
        Assert.Equal(11_999, scope.Sandbox.Klaviyo.State.ProfileCount);
    }

    [Fact]
    public async Task Events_with_the_same_unique_id_count_once_and_are_counted_per_day()
    {
        await using var scope = await SandboxScope.StartAsync();
        var day1 = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            var evt = new KlaviyoEvent
            {
                MetricName = "Placed Order",
                Profile = Profile(i),
                UniqueId = "order-" + i,
                Time = day1.AddHours(i * 6),
                Value = 10m * i,
                Properties = new Dictionary<string, object?> { ["OrderId"] = i },
            };
            await scope.Klaviyo.CreateEventAsync(evt);
            await scope.Klaviyo.CreateEventAsync(evt); // a resend after a lost answer
        }

        var perDay = await scope.Klaviyo.CountEventsPerDayAsync("Placed Order", day1.Date, day1.Date.AddDays(3));

        Assert.Equal(5, scope.Sandbox.Klaviyo.State.Events.Count);
        Assert.Equal([2, 3, 0], perDay.Values);
    }

    [Fact]
    public async Task A_refused_profile_is_a_typed_failure_carrying_it()
    {
        await using var scope = await SandboxScope.StartAsync();
        var bad = Profile(1, email: "no-at-sign");
        var e = await Assert.ThrowsAsync<ConnectorWriteException<KlaviyoProfile>>(() => scope.Klaviyo.UpsertProfileAsync(bad));
        Assert.Equal(400, e.StatusCode);
        Assert.Same(bad, Assert.Single(e.Unwritten));
    }
}
