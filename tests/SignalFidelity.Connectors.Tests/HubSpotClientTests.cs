using SignalFidelity.Connectors.HubSpot;
using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.Tests;

public sealed class HubSpotClientTests
{
    private static HubSpotContactInput Contact(int i, string? email = null) => new("email", email ?? $"person{i}@example.com",
        new Dictionary<string, string?> { ["firstname"] = "P" + i, ["total_spent"] = (i * 1.5m).ToString(System.Globalization.CultureInfo.InvariantCulture), ["shopify_customer_id"] = "sc-" + i });

    [Fact]
    public async Task Batch_upsert_writes_in_hundreds_and_returns_207_errors_as_rejected_records()
    {
        await using var scope = await SandboxScope.StartAsync();
        var contacts = Enumerable.Range(0, 250).Select(i => Contact(i)).ToList();
        contacts[42] = Contact(42, "not an email");

        var result = await scope.HubSpot.UpsertContactsAsync(contacts);
        var again = await scope.HubSpot.UpsertContactsAsync([Contact(1) with { Properties = new Dictionary<string, string?> { ["firstname"] = "Renamed" } }]);

        Assert.Equal(249, result.Written);
        Assert.Equal("not an email", Assert.Single(result.Rejected).Record.Id);
        Assert.Equal(1, again.Written);
        Assert.Equal(249, scope.Sandbox.HubSpot.State.ContactCount);
        Assert.Equal(3, scope.Sandbox.Traffic["hubspot POST /crm/v3/objects/contacts/batch/upsert"].Requests - 1);
    }

    [Fact]
    public async Task Batch_read_by_id_property_search_and_properties()
    {
        await using var scope = await SandboxScope.StartAsync();
        await scope.HubSpot.UpsertContactsAsync(Enumerable.Range(0, 30).Select(i => Contact(i)).ToList());

        var (found, missing) = await scope.HubSpot.ReadContactsAsync("shopify_customer_id", ["sc-3", "sc-4", "sc-999"], ["email", "total_spent"]);
        var matches = await scope.HubSpot.SearchAsync(
            [new HubSpotFilterGroup { Filters = [new HubSpotFilter { PropertyName = "total_spent", Operator = "GTE", Value = "30" }] }],
            ["email"], pageSize: 5).ToListAsync();
        var properties = await scope.HubSpot.GetPropertiesAsync();

        Assert.Equal(["person3@example.com", "person4@example.com"], found.Select(c => c.Properties["email"]).Order());
        Assert.Equal(["sc-999"], missing);
        Assert.Equal(10, matches.Count); // 1.5 * i >= 30 for i = 20..29, read five at a time
        Assert.Contains(properties, p => p.Name == "email");
    }

    [Fact]
    public async Task The_daily_cap_returns_every_unwritten_contact_in_a_typed_failure()
    {
        await using var scope = await SandboxScope.StartAsync(configure: o => o.HubSpot.DailyLimitOverride = 2, hubSpotConcurrency: 1);
        var contacts = Enumerable.Range(0, 500).Select(i => Contact(i)).ToList();

        var e = await Assert.ThrowsAsync<ConnectorWriteException<HubSpotContactInput>>(() => scope.HubSpot.UpsertContactsAsync(contacts));

        var written = scope.Sandbox.HubSpot.State.ContactCount;
        Assert.Equal(200, written);
        Assert.Equal(300, e.Unwritten.Count);
        Assert.Empty(e.Unwritten.Select(c => c.Id).Intersect(scope.Sandbox.HubSpot.State.Contacts.Select(c => c.Properties["email"]!)));
    }
}
