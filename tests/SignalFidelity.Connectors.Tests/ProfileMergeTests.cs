using System.Text.Json.Nodes;
using SignalFidelity.Connectors.HubSpot;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.Tests;

/// <summary>
/// Klaviyo's Merge Profiles and HubSpot's contact merge through the production clients against the simulators over
/// loopback: one record remains, the kept one's values where it has them and the other's where it has none, as each
/// vendor documents its merge.
/// </summary>
public sealed class ProfileMergeTests
{
    [Fact]
    public async Task A_Klaviyo_merge_keeps_the_destination_takes_the_sources_values_where_it_has_none_and_deletes_the_source()
    {
        await using var scope = await SandboxScope.StartAsync();
        var bodies = new List<JsonNode>();
        scope.Sandbox.Klaviyo.RequestReceived += (operation, body) =>
        {
            if (operation == "POST /api/profile-merge")
            {
                lock (bodies) bodies.Add(body.DeepClone());
            }
        };
        var kept = await scope.Klaviyo.UpsertProfileAsync(new KlaviyoProfile
        {
            Email = "ann@example.com", FirstName = "Ann", ExternalId = "shopify-1",
            Properties = new Dictionary<string, object?> { ["total_spent"] = 10m },
        });
        var source = await scope.Klaviyo.UpsertProfileAsync(new KlaviyoProfile
        {
            Email = "ann.old@example.com", PhoneNumber = "+15556251199", FirstName = "Annie", LastName = "Old", ExternalId = "shopify-2",
            Properties = new Dictionary<string, object?> { ["total_spent"] = 99m, ["nps_score"] = 7 },
        });
        await scope.Klaviyo.CreateEventAsync(new KlaviyoEvent { MetricName = "Placed Order", Profile = new KlaviyoProfile { Email = "ann.old@example.com" }, UniqueId = "#1001" });

        await scope.Klaviyo.MergeProfilesAsync(kept, source);

        var profile = Assert.Single(scope.Sandbox.Klaviyo.State.Profiles);
        Assert.Equal((kept, "ann@example.com", "shopify-1", "Ann"), (profile.Id, profile.Email, profile.ExternalId, profile.FirstName));
        Assert.Equal(("Old", "+15556251199"), (profile.LastName, profile.PhoneNumber)); // the destination had none
        Assert.Equal(10m, profile.Properties["total_spent"]!.GetValue<decimal>());
        Assert.Equal(7, profile.Properties["nps_score"]!.GetValue<int>());
        Assert.Equal(kept, Assert.Single(scope.Sandbox.Klaviyo.State.Events).ProfileId);
        Assert.Null(await scope.Klaviyo.GetProfileAsync(source));
        Assert.Equal(
            """{"data":{"type":"profile-merge","id":"KEPT","relationships":{"profiles":{"data":[{"type":"profile","id":"SOURCE"}]}}}}""".Replace("KEPT", kept).Replace("SOURCE", source),
            Assert.Single(bodies).ToJsonString());
    }

    [Fact]
    public async Task A_Klaviyo_merge_naming_a_profile_that_is_gone_is_refused_with_404()
    {
        await using var scope = await SandboxScope.StartAsync();
        var kept = await scope.Klaviyo.UpsertProfileAsync(new KlaviyoProfile { Email = "ann@example.com" });

        var refused = await Assert.ThrowsAsync<ConnectorWriteException<string>>(() => scope.Klaviyo.MergeProfilesAsync(kept, "01NOPE"));

        Assert.Equal(404, refused.StatusCode);
        Assert.Single(scope.Sandbox.Klaviyo.State.Profiles);
    }

    [Fact]
    public async Task A_HubSpot_merge_leaves_one_contact_under_a_new_id_with_the_primarys_values_and_the_others_email_as_an_additional_one()
    {
        await using var scope = await SandboxScope.StartAsync();
        await scope.HubSpot.UpsertContactsAsync(
        [
            new HubSpotContactInput("email", "ann@example.com", new Dictionary<string, string?> { ["firstname"] = "Ann", ["total_spent"] = "10" }),
            new HubSpotContactInput("email", "ann.old@example.com", new Dictionary<string, string?> { ["firstname"] = "Annie", ["phone"] = "+15556251199", ["total_spent"] = "99" }),
        ]);
        var (found, _) = await scope.HubSpot.ReadContactsAsync("email", ["ann@example.com", "ann.old@example.com"], ["email"]);
        var primary = found.Single(c => c.Properties["email"] == "ann@example.com").Id;
        var other = found.Single(c => c.Properties["email"] == "ann.old@example.com").Id;

        var merged = await scope.HubSpot.MergeContactsAsync(primary, other);

        var contact = Assert.Single(scope.Sandbox.HubSpot.State.Contacts);
        Assert.Equal(merged.Id, contact.Id);
        Assert.NotEqual(primary, contact.Id);
        Assert.Equal(("ann@example.com", "Ann", "10"), (contact.Properties["email"], contact.Properties["firstname"], contact.Properties["total_spent"]));
        Assert.Equal(("+15556251199", "ann.old@example.com"), (contact.Properties["phone"], contact.Properties["hs_additional_emails"]));
        // Both old ids and the merged-away address still find the merged contact.
        var (byOldIds, missing) = await scope.HubSpot.ReadContactsAsync("hs_object_id", [primary, other], ["email"]);
        Assert.Empty(missing);
        Assert.All(byOldIds, c => Assert.Equal(contact.Id, c.Id));
        Assert.Equal(contact.Id, Assert.Single((await scope.HubSpot.ReadContactsAsync("email", ["ann.old@example.com"], ["email"])).Found).Id);
    }

    [Fact]
    public async Task A_HubSpot_merge_of_a_contact_into_itself_or_of_an_unknown_one_is_refused()
    {
        await using var scope = await SandboxScope.StartAsync();
        await scope.HubSpot.UpsertContactsAsync([new HubSpotContactInput("email", "ann@example.com", new Dictionary<string, string?>())]);
        var id = Assert.Single(scope.Sandbox.HubSpot.State.Contacts).Id;

        var itself = await Assert.ThrowsAsync<ConnectorWriteException<string>>(() => scope.HubSpot.MergeContactsAsync(id, id));
        var unknown = await Assert.ThrowsAsync<ConnectorWriteException<string>>(() => scope.HubSpot.MergeContactsAsync(id, "999"));

        Assert.Equal((400, 404), (itself.StatusCode, unknown.StatusCode));
        Assert.Single(scope.Sandbox.HubSpot.State.Contacts);
    }
}
