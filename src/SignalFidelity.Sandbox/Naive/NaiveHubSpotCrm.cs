using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SignalFidelity.Sandbox.Clock;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Sandbox.Naive;

/// <summary>
/// The naive connector's HubSpot: one contacts batch upsert per changed customer, keyed by email, with custom
/// properties under the internal names such a connector creates; every call shares the portal's ten-second window
/// with the other apps, and a 429 drops the write. HubSpot has no order events here: the volume check is Klaviyo's.
/// </summary>
internal sealed class NaiveHubSpotCrm(SandboxHost sandbox) : INaiveCrm
{
    private const int MaxBatch = 100;
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = sandbox.HubSpotBaseUrl };

    public string ConnectorAgent => "ShopifyHubSpotConnector/1.0 (naive default)";

    public SyncSystem System => SyncSystem.HubSpot;

    public async Task BackfillAsync(IReadOnlyList<NaiveProfile> profiles, VirtualClock clock, CancellationToken cancellationToken)
    {
        // The install-time import is paced by the integration itself: a refused batch waits out the window and is sent again.
        foreach (var chunk in profiles.Chunk(MaxBatch))
        {
            while (true)
            {
                using var response = await UpsertAsync(chunk.Select(Contact), ConnectorAgent, cancellationToken);
                if ((int)response.StatusCode != 429) { response.EnsureSuccessStatusCode(); break; }
                clock.Advance(TimeSpan.FromSeconds(10));
            }
        }
        clock.Advance(TimeSpan.FromSeconds(10)); // the window the import used is free again when the quarter-hour runs start
    }

    public Task<NaiveOutcome> WriteAsync(NaiveProfile profile, string agent, CancellationToken cancellationToken) =>
        NaiveSend.OutcomeOf(UpsertAsync([Contact(profile)], agent, cancellationToken));

    public Task PlacedOrderAsync(ShopifyOrderRecord order, string agent, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task LoyaltyWriteAsync(string email, decimal staleTotalSpent, string agent, CancellationToken cancellationToken) =>
        NaiveSend.Quietly(UpsertAsync([Input(email, new JsonObject { ["total_spent"] = Number(staleTotalSpent), ["loyalty_points"] = ((int)(staleTotalSpent * 10)).ToString(CultureInfo.InvariantCulture) })], agent, cancellationToken));

    // HubSpot takes every property value as a string.
    public Task<NaiveOutcome> WritePropertyAsync(string email, string property, JsonNode value, string agent, CancellationToken cancellationToken) =>
        NaiveSend.OutcomeOf(UpsertAsync([Input(email, new JsonObject { [property] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString() })], agent, cancellationToken));

    public Task OtherAppWriteAsync(string email, string agent) =>
        NaiveSend.Quietly(UpsertAsync([Input(email, new JsonObject { ["review_request_sent"] = "true" })], agent, CancellationToken.None));

    // A reviews or SMS app reading the contact it is about to message: a read costs the same window as a write.
    public Task OtherAppEventAsync(string email, string agent) =>
        NaiveSend.Quietly(SendAsync("crm/v3/objects/contacts/batch/read", new JsonObject
        {
            ["idProperty"] = "email",
            ["properties"] = new JsonArray("email"),
            ["inputs"] = new JsonArray(new JsonObject { ["id"] = email }),
        }, agent, CancellationToken.None));

    private static string Number(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Input(string email, JsonObject properties) => new() { ["idProperty"] = "email", ["id"] = email, ["properties"] = properties };

    private static JsonObject Contact(NaiveProfile p)
    {
        var f = p.Facts;
        var properties = new JsonObject
        {
            ["email"] = p.Email, ["firstname"] = p.FirstName, ["lastname"] = p.LastName,
            ["total_spent"] = Number(f.TotalSpent), ["order_count"] = f.OrderCount.ToString(CultureInfo.InvariantCulture),
        };
        if (p.Phone is not null) properties["phone"] = p.Phone;
        if (f.LastOrderDate is { } last)
        {
            properties["last_order_date"] = Time(last);
            properties["last_order_payment_status"] = f.LastOrderPaymentStatus;
            properties["first_order_date"] = Time(f.FirstOrderDate!.Value);
            properties["refunded_total"] = Number(f.RefundedTotal ?? 0m);
        }
        return Input(p.Email, properties);
    }

    private Task<HttpResponseMessage> UpsertAsync(IEnumerable<JsonObject> inputs, string agent, CancellationToken cancellationToken) =>
        SendAsync("crm/v3/objects/contacts/batch/upsert", new JsonObject { ["inputs"] = new JsonArray(inputs.Select(i => (JsonNode?)i).ToArray()) }, agent, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(string path, JsonObject body, string agent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + sandbox.HubSpotAccessToken);
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        return await _http.SendAsync(request, cancellationToken);
    }
}
