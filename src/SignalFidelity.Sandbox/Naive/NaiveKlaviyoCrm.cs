using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SignalFidelity.Sandbox.Clock;
using SignalFidelity.Sandbox.Klaviyo;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Sandbox.Naive;

/// <summary>The naive connector's Klaviyo: JSON:API profile imports and events, custom properties named as the default connector names them.</summary>
internal sealed class NaiveKlaviyoCrm(SandboxHost sandbox) : INaiveCrm
{
    private const int MaxProfilesPerJob = 10_000;
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = sandbox.KlaviyoBaseUrl };

    public string ConnectorAgent => "ShopifyKlaviyoConnector/1.0 (naive default)";

    public SyncSystem System => SyncSystem.Klaviyo;

    public async Task BackfillAsync(IReadOnlyList<NaiveProfile> profiles, VirtualClock clock, CancellationToken cancellationToken)
    {
        foreach (var chunk in profiles.Chunk(MaxProfilesPerJob))
        {
            var data = new JsonArray(chunk.Select(p => (JsonNode?)Profile(p)["data"]!.DeepClone()).ToArray());
            var body = new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["type"] = "profile-bulk-import-job",
                    ["attributes"] = new JsonObject { ["profiles"] = new JsonObject { ["data"] = data } },
                },
            };
            using var response = await SendAsync("api/profile-bulk-import-jobs", body, ConnectorAgent, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
        clock.Advance(TimeSpan.FromSeconds(profiles.Count / sandbox.Options.Klaviyo.BulkImportProfilesPerSecond + 1));
        _ = sandbox.Klaviyo.State.ProfileCount; // lets the finished jobs land
    }

    public Task<NaiveOutcome> WriteAsync(NaiveProfile profile, string agent, CancellationToken cancellationToken) =>
        NaiveSend.OutcomeOf(SendAsync("api/profile-import", Profile(profile), agent, cancellationToken));

    public async Task PlacedOrderAsync(ShopifyOrderRecord order, string agent, CancellationToken cancellationToken)
    {
        var body = Event("Placed Order", order.Email,
            new JsonObject { ["OrderId"] = order.Name, ["ItemCount"] = order.LineItems.Sum(l => l.Quantity) });
        var attributes = (JsonObject)body["data"]!["attributes"]!;
        attributes["time"] = Time(order.CreatedAt);
        attributes["value"] = order.Total;
        attributes["unique_id"] = order.Name;
        await NaiveSend.Quietly(SendAsync("api/events", body, agent, cancellationToken)); // dropped, like everything else this connector fails to send
    }

    public Task LoyaltyWriteAsync(string email, decimal staleTotalSpent, string agent, CancellationToken cancellationToken) =>
        NaiveSend.Quietly(SendAsync("api/profile-import",
            ProfileBody(new JsonObject { ["email"] = email, ["properties"] = new JsonObject { ["total_spent"] = staleTotalSpent, ["loyalty_points"] = (int)(staleTotalSpent * 10) } }), agent, cancellationToken));

    public Task<NaiveOutcome> WritePropertyAsync(string email, string property, JsonNode value, string agent, CancellationToken cancellationToken) =>
        NaiveSend.OutcomeOf(SendAsync("api/profile-import", ProfileBody(new JsonObject { ["email"] = email, ["properties"] = new JsonObject { [property] = value.DeepClone() } }), agent, cancellationToken));

    public Task OtherAppWriteAsync(string email, string agent) =>
        NaiveSend.Quietly(SendAsync("api/profile-import", ProfileBody(new JsonObject { ["email"] = email, ["properties"] = new JsonObject { ["review_request_sent"] = true } }), agent, CancellationToken.None));

    public Task OtherAppEventAsync(string email, string agent) =>
        NaiveSend.Quietly(SendAsync("api/events", Event("Viewed Product", email, new JsonObject { ["ProductName"] = "Trail runner" }), agent, CancellationToken.None));

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject ProfileBody(JsonObject attributes) => new() { ["data"] = new JsonObject { ["type"] = "profile", ["attributes"] = attributes } };

    private static JsonObject Profile(NaiveProfile p)
    {
        var f = p.Facts;
        var properties = new JsonObject { ["primary_tag"] = f.PrimaryTag, ["total_spent"] = f.TotalSpent, ["order_count"] = f.OrderCount };
        if (f.LastOrderDate is { } last)
        {
            properties["last_order_date"] = Time(last);
            properties["last_order_payment_status"] = f.LastOrderPaymentStatus;
            properties["first_order_date"] = Time(f.FirstOrderDate!.Value);
            properties["refunded_total"] = f.RefundedTotal;
        }
        var attributes = new JsonObject { ["email"] = p.Email, ["first_name"] = p.FirstName, ["last_name"] = p.LastName, ["properties"] = properties };
        if (p.Phone is not null) attributes["phone_number"] = p.Phone;
        return ProfileBody(attributes);
    }

    private static JsonObject Event(string metric, string? email, JsonObject properties) => new()
    {
        ["data"] = new JsonObject
        {
            ["type"] = "event",
            ["attributes"] = new JsonObject
            {
                ["properties"] = properties,
                ["metric"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "metric", ["attributes"] = new JsonObject { ["name"] = metric } } },
                ["profile"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "profile", ["attributes"] = new JsonObject { ["email"] = email } } },
            },
        },
    };

    private async Task<HttpResponseMessage> SendAsync(string path, JsonObject body, string agent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.api+json");
        request.Headers.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + sandbox.KlaviyoApiKey);
        request.Headers.TryAddWithoutValidation("revision", KlaviyoSimulatorOptions.Revision);
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        return await _http.SendAsync(request, cancellationToken);
    }
}
