using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalFidelity.Connectors.Klaviyo;

namespace SignalFidelity.Connectors.Tests;

/// <summary>Request Profile Deletion (POST /api/data-privacy-deletion-jobs) against the sandbox over loopback.</summary>
public sealed class KlaviyoDeletionTests
{
    [Fact]
    public async Task Deleting_by_email_phone_or_id_erases_only_that_profile_with_the_documented_body()
    {
        await using var scope = await SandboxScope.StartAsync();
        var bodies = new List<JsonNode>();
        scope.Sandbox.Klaviyo.RequestReceived += (operation, body) =>
        {
            if (operation == "POST /api/data-privacy-deletion-jobs")
            {
                lock (bodies) bodies.Add(body.DeepClone());
            }
        };
        await scope.Klaviyo.UpsertProfileAsync(new KlaviyoProfile { Email = "ann@example.com", ExternalId = "a" });
        await scope.Klaviyo.UpsertProfileAsync(new KlaviyoProfile { PhoneNumber = "+15556251199", ExternalId = "b" });
        var byId = await scope.Klaviyo.UpsertProfileAsync(new KlaviyoProfile { Email = "cy@example.com", ExternalId = "c" });
        await scope.Klaviyo.UpsertProfileAsync(new KlaviyoProfile { Email = "stays@example.com", ExternalId = "d" });

        await scope.Klaviyo.RequestProfileDeletionAsync(KlaviyoDeletionTarget.ByEmail(" Ann@Example.com"));
        await scope.Klaviyo.RequestProfileDeletionAsync(KlaviyoDeletionTarget.ByPhoneNumber("+15556251199"));
        await scope.Klaviyo.RequestProfileDeletionAsync(KlaviyoDeletionTarget.ByProfileId(byId));
        await scope.Klaviyo.RequestProfileDeletionAsync(KlaviyoDeletionTarget.ByEmail("nobody@example.com")); // nothing to erase: still done

        Assert.Equal(["stays@example.com"], scope.Sandbox.Klaviyo.State.Profiles.Select(p => p.Email));
        Assert.Equal(
            """{"data":{"type":"data-privacy-deletion-job","attributes":{"profile":{"data":{"type":"profile","attributes":{"email":" Ann@Example.com"}}}}}}""",
            bodies[0].ToJsonString());
        Assert.Equal("+15556251199", (string?)bodies[1]["data"]!["attributes"]!["profile"]!["data"]!["attributes"]!["phone_number"]);
        Assert.Equal(byId, (string?)bodies[2]["data"]!["attributes"]!["profile"]!["data"]!["attributes"]!["id"]);
    }

    [Theory]
    [InlineData("""{}""", "One of email, phone_number or id")]
    [InlineData("""{"email":"a@example.com","phone_number":"+15556251199"}""", "Only one of email, phone_number or id")]
    public async Task The_sandbox_refuses_a_deletion_without_exactly_one_identifier_in_JSON_API_error_shape(string attributes, string detail)
    {
        await using var scope = await SandboxScope.StartAsync();
        using var http = new HttpClient { BaseAddress = scope.Sandbox.KlaviyoBaseUrl };

        using var response = await http.SendAsync(DeletionRequest(scope, attributes));

        Assert.Equal(400, (int)response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal(400, (int)error["status"]!);
        Assert.Equal("invalid", (string?)error["code"]);
        Assert.StartsWith(detail, (string?)error["detail"], StringComparison.Ordinal);
        Assert.Equal("/data/attributes/profile/data/attributes", (string?)error["source"]!["pointer"]);
    }

    [Fact]
    public async Task The_sandbox_holds_the_endpoint_to_three_a_second_and_the_client_paces_under_it()
    {
        await using var scope = await SandboxScope.StartAsync();
        using var http = new HttpClient { BaseAddress = scope.Sandbox.KlaviyoBaseUrl };

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.SendAsync(DeletionRequest(scope, $$"""{"email":"raw{{i}}@example.com"}"""));
            statuses.Add((int)response.StatusCode);
            if (i == 3)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal([202, 202, 202, 429], statuses);

        // The production client waits for room instead: every deletion lands, none is refused.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            await scope.Klaviyo.RequestProfileDeletionAsync(KlaviyoDeletionTarget.ByEmail($"paced{i}@example.com"));
        }

        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"5 deletions took {watch.Elapsed}, faster than 3 a second");
    }

    private static HttpRequestMessage DeletionRequest(SandboxScope scope, string profileAttributes)
    {
        var body = """{"data":{"type":"data-privacy-deletion-job","attributes":{"profile":{"data":{"type":"profile","attributes":""" + profileAttributes + "}}}}}";
        var request = new HttpRequestMessage(HttpMethod.Post, "api/data-privacy-deletion-jobs")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/vnd.api+json"),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.api+json");
        request.Headers.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + scope.Sandbox.KlaviyoApiKey);
        request.Headers.TryAddWithoutValidation("revision", KlaviyoClient.Revision);
        _ = JsonDocument.Parse(body); // the test's own body must be valid JSON, or the 400 proves nothing
        return request;
    }
}
