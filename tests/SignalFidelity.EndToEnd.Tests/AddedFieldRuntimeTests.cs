using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SignalFidelity.EndToEnd.Tests;

/// <summary>
/// The topology's central promise, as a developer meets it: a field added in topology/ (and nothing else),
/// built with the real compiler into a copy of the repository, is read from Shopify's webhook and written
/// to both CRMs by the copy's own worker. Real processes (sandbox and worker), real HTTP, and the outcome
/// read back through Klaviyo's and HubSpot's read APIs.
/// </summary>
public sealed class AddedFieldRuntimeTests
{
    private const string Field = """
            /// <summary>The staff note on the customer, as Shopify's admin holds it.</summary>
            [OwnedBy(SyncSystem.Shopify, Property = "note"), FromWebhook("customers/update", "note"),
             FlowsTo(SyncSystem.Klaviyo, "shopify_note"), FlowsTo(SyncSystem.HubSpot, "shopify_note")]
            public string? Note { get; init; }
        """;

    [Fact]
    public async Task A_field_added_in_the_topology_reaches_Klaviyo_and_HubSpot_with_no_other_code()
    {
        using var copy = RepositoryCopy.Create();
        copy.AddToTopologyRecord("Customer.cs", Field);

        await BuildAsync(copy, "the copy with the new field");

        var locked = await copy.DotnetAsync(TimeSpan.FromMinutes(1), "exec", copy.SigfidDll, "topology", "lock");
        Assert.True(locked.ExitCode == 0, locked.Output);
        Assert.Contains("shopify_note", File.ReadAllText(Path.Combine(copy.Root, "topology.lock.json")), StringComparison.Ordinal);

        // Reconciliation every two seconds: the second half of the test is a change no webhook announces.
        await using var runtime = await Runtime.StartAsync(copy, customers: 20, ("SignalFidelity__Schedules__Reconciliation", "00:00:02"));
        var (settings, worker, http, workerUrl) = (runtime.Settings, runtime.Worker, runtime.Http, runtime.WorkerUrl);

        // Shopify's own sample customers/update body, with the note changed and a unique address.
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.SharedReference, "shopify-webhooks", "customers_update.json")))!.AsObject();
        var email = $"note-{Guid.NewGuid():N}@example.com";
        body["email"] = email;
        body["note"] = "Prefers the blue box";
        body["updated_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        var response = await PostSignedAsync(http, new Uri(workerUrl, "webhooks/shopify"), "customers/update", body.ToJsonString(), settings["SignalFidelity__Shopify__WebhookSecret"]);
        Assert.True(response == HttpStatusCode.OK, $"intake answered {response}\n{worker.Output}");

        var klaviyo = new Uri(settings["SignalFidelity__Klaviyo__BaseUrl"]);
        var hubSpot = new Uri(settings["SignalFidelity__HubSpot__BaseUrl"]);
        string? inKlaviyo = null, inHubSpot = null;
        await WaitForAsync(async () =>
        {
            inKlaviyo = await KlaviyoPropertyAsync(http, klaviyo, settings["SignalFidelity__Klaviyo__ApiKey"], email, "shopify_note");
            inHubSpot = await HubSpotPropertyAsync(http, hubSpot, settings["SignalFidelity__HubSpot__AccessToken"], email, "shopify_note");
            return inKlaviyo is not null && inHubSpot is not null;
        }, worker, "the note to reach both CRMs");

        Assert.Equal("Prefers the blue box", inKlaviyo);
        Assert.Equal("Prefers the blue box", inHubSpot);

        // A staff edit in Shopify's admin that no webhook announced: reconciliation selects the new field through the
        // topology's generated GraphQL selection and carries it to both CRMs.
        var shopify = new Uri(settings["SignalFidelity__Shopify__AdminBaseUrl"]);
        var token = settings["SignalFidelity__Shopify__AccessToken"];
        var seeded = (await ShopifyGraphQlAsync(http, shopify, token, "CustomersPage",
            "query CustomersPage($first: Int!) { customers(first: $first) { nodes { id defaultEmailAddress { emailAddress } } } }",
            new JsonObject { ["first"] = 1 }))!["customers"]!["nodes"]![0]!;
        var seededEmail = (string)seeded["defaultEmailAddress"]!["emailAddress"]!;
        await ShopifyGraphQlAsync(http, shopify, token, "CustomerUpdate",
            "mutation CustomerUpdate($input: CustomerInput!) { customerUpdate(input: $input) { customer { id } userErrors { field message } } }",
            new JsonObject { ["input"] = new JsonObject { ["id"] = (string)seeded["id"]!, ["note"] = "Call before shipping" } });
        await WaitForAsync(async () =>
        {
            inKlaviyo = await KlaviyoPropertyAsync(http, klaviyo, settings["SignalFidelity__Klaviyo__ApiKey"], seededEmail, "shopify_note");
            inHubSpot = await HubSpotPropertyAsync(http, hubSpot, settings["SignalFidelity__HubSpot__AccessToken"], seededEmail, "shopify_note");
            return inKlaviyo == "Call before shipping" && inHubSpot == "Call before shipping";
        }, worker, $"reconciliation to carry the admin's note to both CRMs (Klaviyo: {inKlaviyo ?? "none"}, HubSpot: {inHubSpot ?? "none"})");
    }

    /// <summary>
    /// Moving a field's owner is a topology edit only: with the primary tag owned by HubSpot instead of Klaviyo, the
    /// copy's worker polls HubSpot's contacts (CRM search) and writes the tag a HubSpot user set into Shopify's tags.
    /// </summary>
    [Fact]
    public async Task A_field_moved_to_HubSpot_in_the_topology_is_polled_from_HubSpot_and_written_back_to_Shopify()
    {
        using var copy = RepositoryCopy.Create();
        copy.EditTopology("Customer.cs",
            "[OwnedBy(SyncSystem.Klaviyo, Property = \"primary_tag\", Why = \"Segments are built in Klaviyo\")",
            "[OwnedBy(SyncSystem.HubSpot, Property = \"primary_tag\", Why = \"Segments are built in HubSpot\")");
        await BuildAsync(copy, "the copy with the moved owner");
        await using var runtime = await Runtime.StartAsync(copy, customers: 10, ("SignalFidelity__Schedules__CrmPoll", "00:00:02"));
        var (settings, worker, http) = (runtime.Settings, runtime.Worker, runtime.Http);
        var hubSpot = new Uri(settings["SignalFidelity__HubSpot__BaseUrl"]);
        var hubSpotToken = settings["SignalFidelity__HubSpot__AccessToken"];
        var shopify = new Uri(settings["SignalFidelity__Shopify__AdminBaseUrl"]);
        var shopifyToken = settings["SignalFidelity__Shopify__AccessToken"];

        // The backfill writes every seeded customer to HubSpot; take one HubSpot now holds.
        var seeded = (await ShopifyGraphQlAsync(http, shopify, shopifyToken, "CustomersPage",
            "query CustomersPage($first: Int!) { customers(first: $first) { nodes { id defaultEmailAddress { emailAddress } } } }",
            new JsonObject { ["first"] = 1 }))!["customers"]!["nodes"]![0]!;
        var customerId = (string)seeded["id"]!;
        var email = (string)seeded["defaultEmailAddress"]!["emailAddress"]!;
        await WaitForAsync(async () => await HubSpotPropertyAsync(http, hubSpot, hubSpotToken, email, "shopify_customer_id") == customerId,
            worker, "the backfill to link the customer's HubSpot contact");

        // A HubSpot user (or workflow) sets the segment tag on the contact.
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hubSpot, "crm/v3/objects/contacts/batch/upsert"))
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["inputs"] = new JsonArray(new JsonObject { ["idProperty"] = "email", ["id"] = email, ["properties"] = new JsonObject { ["primary_tag"] = "vip-hubspot" } }),
            }),
        })
        {
            request.Headers.Add("Authorization", "Bearer " + hubSpotToken);
            using var upserted = await http.SendAsync(request);
            Assert.True(upserted.IsSuccessStatusCode, await upserted.Content.ReadAsStringAsync());
        }

        JsonNode? tags = null;
        await WaitForAsync(async () =>
        {
            tags = (await ShopifyGraphQlAsync(http, shopify, shopifyToken, "CustomerById",
                "query CustomerById($id: ID!) { customer(id: $id) { id tags } }", new JsonObject { ["id"] = customerId }))!["customer"]!["tags"];
            return tags!.AsArray().Any(t => (string?)t == "vip-hubspot");
        }, worker, $"the HubSpot-owned tag to reach Shopify (tags: {tags?.ToJsonString()})");
    }

    /// <summary>Shopify's GraphQL Admin, called as any app calls it; returns <c>data</c>.</summary>
    private static async Task<JsonNode?> ShopifyGraphQlAsync(HttpClient http, Uri adminBase, string token, string operation, string query, JsonObject variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(adminBase, "admin/api/2026-04/graphql.json"))
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["operationName"] = operation, ["variables"] = variables }),
        };
        request.Headers.Add("X-Shopify-Access-Token", token);
        using var response = await http.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(response.IsSuccessStatusCode && answer?["errors"] is null, $"{operation}: {response.StatusCode} {answer?.ToJsonString()}");
        return answer!["data"];
    }

    private static async Task BuildAsync(RepositoryCopy copy, string what)
    {
        var build = await copy.DotnetAsync(TimeSpan.FromMinutes(8),
            "build", "src/SignalFidelity.Cli/SignalFidelity.Cli.csproj", "-c", "Debug", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(build.ExitCode == 0, $"{what} must build green:\n" + build.Output);
    }

    /// <summary>The copy's own sandbox (seeded, its --env-file read) and a worker pointed at it, answering /health.</summary>
    private sealed record Runtime(Dictionary<string, string> Settings, ChildProcess Sandbox, ChildProcess Worker, HttpClient Http, Uri WorkerUrl) : IAsyncDisposable
    {
        public static async Task<Runtime> StartAsync(RepositoryCopy copy, int customers, params (string Key, string Value)[] workerSettings)
        {
            var envFile = Path.Combine(copy.Root, "sandbox.env");
            var sandbox = ChildProcess.Start(copy.Root, new Dictionary<string, string>(), "exec", copy.SigfidDll, "sandbox", "--env-file", envFile, "--customers", customers.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var settings = await ReadEnvFileAsync(envFile, sandbox);
            var port = FreePort();
            var environment = new Dictionary<string, string>(settings)
            {
                ["SignalFidelity__Store__Sqlite"] = Path.Combine(copy.Root, "worker.db"),
                ["Logging__LogLevel__Default"] = "Warning",
            };
            foreach (var (key, value) in workerSettings) environment[key] = value;
            var runtime = new Runtime(settings, sandbox, ChildProcess.Start(copy.Root, environment, "exec", copy.SigfidDll, "worker", "--urls", $"http://127.0.0.1:{port}"),
                new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, new Uri($"http://127.0.0.1:{port}/"));
            try
            {
                await WaitForAsync(async () => (await TryGetAsync(runtime.Http, new Uri(runtime.WorkerUrl, "health"))) is not null, runtime.Worker, "the worker to answer /health");
                return runtime;
            }
            catch
            {
                await runtime.DisposeAsync(); // no process outlives a failed start
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Worker.DisposeAsync();
            await Sandbox.DisposeAsync();
        }
    }

    private static async Task<Dictionary<string, string>> ReadEnvFileAsync(string path, ChildProcess sandbox)
    {
        await WaitForAsync(() => Task.FromResult(File.Exists(path)), sandbox, "the sandbox to write its --env-file");
        return File.ReadAllLines(path)
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    private static async Task<HttpStatusCode> PostSignedAsync(HttpClient http, Uri url, string topic, string json, string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Shop-Domain", "signalfidelity-sandbox.myshopify.com");
        request.Headers.Add("X-Shopify-Event-Id", Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Triggered-At", DateTimeOffset.UtcNow.ToString("O"));
        request.Headers.Add("X-Shopify-API-Version", "2026-04");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Klaviyo's read API: GET /api/profiles with filter=equals(email,"..."), custom properties in attributes.properties.</summary>
    private static async Task<string?> KlaviyoPropertyAsync(HttpClient http, Uri baseUrl, string apiKey, string email, string property)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, $"api/profiles?filter=equals(email,\"{email}\")"));
        request.Headers.Add("Authorization", "Klaviyo-API-Key " + apiKey);
        request.Headers.Add("revision", "2026-07-15");
        request.Headers.Add("Accept", "application/vnd.api+json");
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) return null;
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return page?["data"]?.AsArray().FirstOrDefault()?["attributes"]?["properties"]?[property]?.GetValue<string>();
    }

    /// <summary>HubSpot's read API: POST /crm/v3/objects/contacts/batch/read by email.</summary>
    private static async Task<string?> HubSpotPropertyAsync(HttpClient http, Uri baseUrl, string token, string email, string property)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "crm/v3/objects/contacts/batch/read"))
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["idProperty"] = "email",
                ["properties"] = new JsonArray(property),
                ["inputs"] = new JsonArray(new JsonObject { ["id"] = email }),
            }),
        };
        request.Headers.Add("Authorization", "Bearer " + token);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) return null;
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return result?["results"]?.AsArray().FirstOrDefault()?["properties"]?[property]?.GetValue<string>();
    }

    private static async Task<string?> TryGetAsync(HttpClient http, Uri url)
    {
        try
        {
            return await http.GetStringAsync(url);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, ChildProcess process, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.False(process.HasExited, $"the process exited while waiting for {what}:\n{process.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}:\n{process.Output}");
            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
