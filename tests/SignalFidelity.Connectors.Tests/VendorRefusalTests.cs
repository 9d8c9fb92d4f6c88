using SignalFidelity.Connectors.HubSpot;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.Tests;

/// <summary>
/// Vendors quote the values they refuse; what the worker logs of a refusal keeps the vendor's code and the
/// field it pointed at and never the value. Bodies are shaped as the vendors send them.
/// </summary>
public sealed class VendorRefusalTests
{
    private const string Email = "jane.doe@example.com";

    [Fact]
    public void A_Klaviyo_invalid_email_is_logged_as_its_code_and_pointer_without_the_address()
    {
        const string body = """
            {"errors":[{"id":"7c1b0e2a-2b9f-4f4e-9c1e-1b2f3a4d5e6f","status":400,"code":"invalid","title":"Invalid input.",
              "detail":"Invalid email address: 'jane.doe@example.com'.","source":{"pointer":"/data/attributes/email"}}]}
            """;

        var text = VendorRefusal.FromKlaviyo(400, body).ToLogText();

        Assert.Equal("HTTP 400 invalid at /data/attributes/email", text);
        Assert.DoesNotContain(Email, text);
    }

    [Fact]
    public void A_HubSpot_validation_error_is_logged_as_its_category_code_and_property_without_the_address()
    {
        const string body = """
            {"status":"error","message":"Property values were not valid: [{\"isValid\":false,\"message\":\"Email address jane.doe@example.com is invalid\",\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]",
             "correlationId":"5392f03d-ca69-4d85-8383-4dae2ea0fa8a","category":"VALIDATION_ERROR"}
            """;

        var refusal = VendorRefusal.FromHubSpot(400, body);

        Assert.Equal("HTTP 400 VALIDATION_ERROR/INVALID_EMAIL at email", refusal.ToLogText());
        Assert.DoesNotContain(Email, refusal.ToLogText());
        Assert.Equal("VALIDATION_ERROR", refusal.Code);
    }

    [Fact]
    public void A_HubSpot_batch_error_keeps_property_names_from_its_context_and_drops_the_ids_which_are_emails()
    {
        var refusal = VendorRefusal.FromHubSpotError(207, "VALIDATION_ERROR", $"Email address {Email} is invalid",
            new Dictionary<string, List<string>> { ["ids"] = [Email], ["propertyName"] = ["email"] });

        Assert.Equal("HTTP 207 VALIDATION_ERROR at email", refusal.ToLogText());
    }

    [Fact]
    public void Values_put_where_a_code_belongs_are_dropped_and_a_body_that_is_not_json_gives_the_status()
    {
        var planted = VendorRefusal.FromKlaviyo(400, """{"errors":[{"code":"jane.doe@example.com","source":{"pointer":"+15555550123"}}]}""");
        var html = VendorRefusal.FromHubSpot(502, "<html><body>Bad gateway</body></html>");

        Assert.Equal("HTTP 400", planted.ToLogText());
        Assert.Equal("HTTP 502", html.ToLogText());
    }

    [Fact]
    public async Task A_refused_profile_from_the_sandbox_carries_the_full_reason_for_the_dead_letter_and_a_clean_one_for_the_log()
    {
        await using var scope = await SandboxScope.StartAsync();

        var result = await scope.Klaviyo.UpsertProfilesAsync([new KlaviyoProfile { Email = "jane.doe@nodomain" }]);
        var hubSpot = await scope.HubSpot.UpsertBatchAsync([new HubSpotContactInput("email", "jane.doe@nodomain", new Dictionary<string, string?>())]);

        var klaviyo = Assert.Single(result.Rejected);
        Assert.Contains("jane.doe@nodomain", klaviyo.Reason);
        Assert.Equal("HTTP 400 invalid at /data/attributes/email", klaviyo.LogReason);
        var contact = Assert.Single(hubSpot.Rejected);
        Assert.Contains("jane.doe@nodomain", contact.Reason);
        Assert.Equal("HTTP 207 VALIDATION_ERROR", contact.LogReason);
    }

    [Fact]
    public async Task A_wrong_key_and_a_missing_scope_are_refused_with_the_vendors_codes_which_the_exception_carries()
    {
        await using var scope = await SandboxScope.StartAsync();
        scope.Sandbox.Options.Klaviyo.ApiKey = "pk_rotated_since";
        scope.Sandbox.Options.HubSpot.GrantedScopes = ["crm.objects.contacts.write"];

        var klaviyo = await Assert.ThrowsAnyAsync<ConnectorException>(() => scope.Klaviyo.GetProfilesAsync(pageSize: 1).ToListAsync());
        var hubSpot = await Assert.ThrowsAnyAsync<ConnectorException>(() => scope.HubSpot.GetContactsPageAsync(limit: 1));

        Assert.Equal((401, "not_authenticated"), (klaviyo.StatusCode, klaviyo.Refusal?.Code));
        Assert.Equal((403, "MISSING_SCOPES"), (hubSpot.StatusCode, hubSpot.Refusal?.Code));
        Assert.Equal("HubSpot list-contacts: HTTP 403 MISSING_SCOPES", hubSpot.LogReason);
    }
}
