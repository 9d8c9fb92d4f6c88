using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SignalFidelity.Sandbox.Faults;
using SignalFidelity.Sandbox.Http;

namespace SignalFidelity.Sandbox.Shopify;

/// <summary>
/// GraphQL Admin under <c>/shopify/admin/api/2026-04/graphql.json</c>. This is not a GraphQL engine: it
/// answers the operations SignalFidelity's client sends, recognised by <c>operationName</c>, with the
/// documented shapes, costs and throttling (HTTP 200 with <c>errors[{message:"Throttled"}]</c> and
/// <c>extensions.cost.throttleStatus</c> on every answer). An unknown operation is a GraphQL error.
/// </summary>
public sealed partial class ShopifySimulator
{
    public const string Prefix = "/shopify";
    private const string Log = "shopify POST graphql";
    private readonly ShopifySimulatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly FaultInjector _faults;
    private readonly TrafficLog _traffic;

    public ShopifySimulator(ShopifySimulatorOptions options, TimeProvider clock, FaultInjector faults, TrafficLog traffic, ShopifyStore store)
    {
        _options = options;
        _clock = clock;
        _faults = faults;
        _traffic = traffic;
        Store = store;
        Bucket = new ShopifyCostBucket(options.Plan, clock);
        Bulk = new ShopifyBulkOperations(store, clock, options.BulkObjectsPerSecond);
    }

    public ShopifyStore Store { get; }
    public ShopifyCostBucket Bucket { get; }
    public ShopifyBulkOperations Bulk { get; }

    /// <summary>Raised after a tag mutation, so the webhook dispatcher can tell subscribers.</summary>
    public event Action<string, JsonObject>? TopicRaised;

    internal void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Prefix + "/admin/api/{version}/graphql.json", GraphQlAsync);
        app.MapGet(Prefix + "/bulk-results/{id}.jsonl", async context =>
        {
            var id = long.Parse((string)context.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
            if (Bulk.Find(id) is not { } op || op.Status(_clock.GetUtcNow()) != "COMPLETED")
            {
                context.Response.StatusCode = 404;
                return;
            }
            context.Response.ContentType = "application/jsonl";
            context.Response.ContentLength = op.Jsonl.Length;
            await context.Response.Body.WriteAsync(op.Jsonl, context.RequestAborted);
        });
    }

    private async Task GraphQlAsync(HttpContext context)
    {
        _traffic.Request(Log);
        if (context.Request.Headers["X-Shopify-Access-Token"].ToString() != _options.AccessToken)
        {
            await JsonResults.WriteAsync(context, 401, new JsonObject { ["errors"] = "[API] Invalid API key or access token (unrecognized login or wrong password)" });
            return;
        }
        if ((string?)context.Request.RouteValues["version"] != ShopifySimulatorOptions.ApiVersion)
        {
            await JsonResults.WriteAsync(context, 404, new JsonObject { ["errors"] = $"Not Found: the sandbox serves API version {ShopifySimulatorOptions.ApiVersion} only." });
            return;
        }
        if (await _faults.TryInjectAsync(context, Log, (c, seconds) =>
            {
                c.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return JsonResults.WriteAsync(c, 429, new JsonObject { ["errors"] = "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." });
            })) return;

        var body = await JsonResults.ReadAsync(context, 1024 * 1024);
        var operation = (string?)body?["operationName"];
        var variables = body?["variables"] as JsonObject ?? new JsonObject();
        var now = _clock.GetUtcNow();

        // Shopify validates the document before it runs it: a field the schema lacks fails the whole query, costs nothing.
        var selection = GraphQlSelection.Parse((string?)body?["query"] ?? "");
        var customer = operation switch { "CustomersPage" => selection.At("customers", "nodes"), "CustomerById" => selection.At("customer"), _ => null };
        var order = operation == "OrderById" ? selection.At("order") : null;
        var invalid = new List<string>();
        customer?.Project(ShopifyJson.CustomerShape, "Customer", invalid);
        order?.Project(ShopifyJson.OrderShape, "Order", invalid);
        if (invalid.Count > 0)
        {
            var typeName = order is null ? "Customer" : "Order";
            await JsonResults.WriteAsync(context, 200, new JsonObject
            {
                ["errors"] = new JsonArray([.. invalid.Select(m => (JsonNode)new JsonObject { ["message"] = m, ["extensions"] = new JsonObject { ["code"] = "undefinedField", ["typeName"] = typeName } })]),
            });
            return;
        }

        double requested = operation switch
        {
            "CustomersPage" => 2 + Math.Clamp(Int(variables, "first", 50), 1, 250) * 5,
            "CustomerById" => 5,
            "OrderById" => 1,
            "OrdersCount" => 1,
            "ShopName" => 1,
            "TagsAdd" or "TagsRemove" => 10,
            "CustomerUpdate" => 10,
            "BulkCustomersRun" => 10,
            "BulkOperationStatus" => 1,
            "WebhookSubscriptions" => 2,
            "WebhookSubscriptionCreate" => 10,
            _ => 0,
        };
        if (requested == 0)
        {
            await JsonResults.WriteAsync(context, 200, new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject { ["message"] = $"The sandbox does not know operation '{operation}'.", ["extensions"] = new JsonObject { ["code"] = "undefinedOperation" } }),
            });
            return;
        }
        if (requested > 1000)
        {
            await JsonResults.WriteAsync(context, 200, new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject { ["message"] = $"Query cost is {requested}, which exceeds the single query max cost limit (1000).", ["extensions"] = new JsonObject { ["code"] = "MAX_COST_EXCEEDED", ["cost"] = requested, ["maxCost"] = 1000 } }),
                ["extensions"] = Cost(requested, null),
            });
            return;
        }
        if (!Bucket.TryTake(requested))
        {
            _traffic.Throttled(Log);
            await JsonResults.WriteAsync(context, 200, new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject { ["message"] = "Throttled", ["extensions"] = new JsonObject { ["code"] = "THROTTLED", ["documentation"] = "https://shopify.dev/api/usage/rate-limits" } }),
                ["extensions"] = Cost(requested, null),
            });
            return;
        }

        var downloadBase = $"{context.Request.Scheme}://{context.Request.Host}{Prefix}/bulk-results";
        var (data, actual) = operation switch
        {
            "CustomersPage" => CustomersPage(variables, customer),
            "CustomerById" => CustomerById(variables, customer),
            "OrderById" => OrderById(variables, order),
            "OrdersCount" => OrdersCount(variables),
            "ShopName" => (new JsonObject { ["shop"] = new JsonObject { ["name"] = Store.ShopName } }, 1),
            "TagsAdd" => Tags(variables, add: true, now),
            "TagsRemove" => Tags(variables, add: false, now),
            "CustomerUpdate" => UpdateCustomer(variables, now),
            "BulkCustomersRun" => BulkRun(variables, now, downloadBase),
            "WebhookSubscriptions" => WebhookSubscriptionsPage(),
            "WebhookSubscriptionCreate" => CreateWebhookSubscription(variables),
            _ => BulkStatus(variables, now, downloadBase),
        };
        Bucket.Refund(requested - actual);
        await JsonResults.WriteAsync(context, 200, new JsonObject { ["data"] = data, ["extensions"] = Cost(requested, actual) });
    }

    private JsonObject Cost(double requested, double? actual) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new JsonObject
            {
                ["maximumAvailable"] = Bucket.Maximum,
                ["currentlyAvailable"] = Math.Floor(Bucket.Available),
                ["restoreRate"] = Bucket.RestoreRate,
            },
        },
    };

    private (JsonNode Data, double Cost) WebhookSubscriptionsPage() =>
        (new JsonObject
        {
            ["webhookSubscriptions"] = new JsonObject
            {
                ["nodes"] = new JsonArray([.. Store.WebhookSubscriptions.All.Select(s => (JsonNode)new JsonObject { ["id"] = s.Gid, ["topic"] = s.Topic, ["uri"] = s.Uri.ToString() })]),
            },
        }, 2);

    private (JsonNode Data, double Cost) CreateWebhookSubscription(JsonObject variables)
    {
        var topic = (string?)variables["topic"];
        var uri = (string?)variables["webhookSubscription"]?["uri"] ?? (string?)variables["webhookSubscription"]?["callbackUrl"];
        JsonNode? created = null;
        var errors = new JsonArray();
        if (string.IsNullOrWhiteSpace(topic) || !Uri.TryCreate(uri, UriKind.Absolute, out var target))
        {
            errors.Add(new JsonObject { ["field"] = new JsonArray("webhookSubscription", "uri"), ["message"] = "Address is invalid" });
        }
        else if (Store.WebhookSubscriptions.All.Any(s => s.Topic == topic && s.Uri == target))
        {
            errors.Add(new JsonObject { ["field"] = new JsonArray("webhookSubscription", "uri"), ["message"] = "Address for this topic has already been taken" });
        }
        else
        {
            var subscription = Store.WebhookSubscriptions.Create(topic, target);
            created = new JsonObject { ["id"] = subscription.Gid, ["topic"] = subscription.Topic, ["uri"] = subscription.Uri.ToString() };
        }

        return (new JsonObject { ["webhookSubscriptionCreate"] = new JsonObject { ["webhookSubscription"] = created, ["userErrors"] = errors } }, 10);
    }

    private static int Int(JsonObject variables, string name, int fallback) => variables[name] is JsonValue v ? (int)v : fallback;

    private static long? IdOf(string? gid) =>
        gid is not null && long.TryParse(gid[(gid.LastIndexOf('/') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    // The customer as the query selected it: only the fields asked for, as GraphQL answers.
    private JsonNode? Selected(ShopifyCustomerRecord c, GraphQlSelection? selection)
    {
        var full = ShopifyJson.Customer(c, Store.Summary(c.Id), Store.Currency);
        return selection is null ? full : selection.Project(full, "Customer", new List<string>());
    }

    private (JsonNode Data, double Actual) CustomersPage(JsonObject variables, GraphQlSelection? selection)
    {
        var first = Math.Clamp(Int(variables, "first", 50), 1, 250);
        var offset = variables["after"] is JsonValue a ? int.Parse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)a!)), CultureInfo.InvariantCulture) : 0;
        var updatedSince = UpdatedSince((string?)variables["query"]);
        var all = Store.Customers.Where(c => updatedSince is null || c.UpdatedAt >= updatedSince).ToList();
        var page = all.Skip(offset).Take(first).ToList();
        var end = offset + page.Count;
        var nodes = new JsonArray(page.Select(c => Selected(c, selection)).ToArray());
        var data = new JsonObject
        {
            ["customers"] = new JsonObject
            {
                ["pageInfo"] = new JsonObject
                {
                    ["hasNextPage"] = end < all.Count,
                    ["endCursor"] = page.Count == 0 ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(end.ToString(CultureInfo.InvariantCulture))),
                },
                ["nodes"] = nodes,
            },
        };
        return (data, 2 + page.Count * 5);
    }

    private static DateTimeOffset? UpdatedSince(string? query)
    {
        if (query is null) return null;
        var m = UpdatedAtFilter().Match(query);
        return m.Success ? DateTimeOffset.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
    }

    private (JsonNode Data, double Actual) CustomerById(JsonObject variables, GraphQlSelection? selection)
    {
        var customer = IdOf((string?)variables["id"]) is { } id ? Store.Customer(id) : null;
        return (new JsonObject { ["customer"] = customer is null ? null : Selected(customer, selection) }, customer is null ? 1 : 5);
    }

    /// <summary>
    /// <c>order(id: ID!)</c> as Shopify answers it (shopify.dev/docs/api/admin-graphql/latest/queries/order): the order with
    /// the selected fields, or <c>null</c> for an id the shop does not hold (a deleted order, another shop's).
    /// </summary>
    private (JsonNode Data, double Actual) OrderById(JsonObject variables, GraphQlSelection? selection)
    {
        var id = variables["id"] is JsonValue v && v.TryGetValue<string>(out var gid) && gid.StartsWith("gid://shopify/Order/", StringComparison.Ordinal) ? IdOf(gid) : null;
        var found = id is { } orderId ? Store.Order(orderId) : null;
        var node = found is null ? null : ShopifyJson.Order(found, Store.Currency);
        return (new JsonObject { ["order"] = selection is null || node is null ? node : selection.Project(node, "Order", new List<string>()) }, 1);
    }

    private (JsonNode Data, double Actual) OrdersCount(JsonObject variables)
    {
        DateTimeOffset? from = null, to = null;
        foreach (Match m in CreatedAtFilter().Matches((string?)variables["query"] ?? ""))
        {
            var value = DateTimeOffset.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            switch (m.Groups[1].Value)
            {
                case ">=": from = value; break;
                case ">": from = value.AddTicks(1); break;
                case "<": to = value; break;
                case "<=": to = value.AddTicks(1); break;
            }
        }
        return (new JsonObject { ["ordersCount"] = new JsonObject { ["count"] = Store.CountOrders(from, to), ["precision"] = "EXACT" } }, 1);
    }

    private (JsonNode Data, double Actual) Tags(JsonObject variables, bool add, DateTimeOffset now)
    {
        var field = add ? "tagsAdd" : "tagsRemove";
        var tags = (variables["tags"] as JsonArray)?.Select(t => ((string?)t ?? "").Trim()).Where(t => t.Length > 0).ToList() ?? [];
        var customer = IdOf((string?)variables["id"]) is { } id ? Store.Customer(id) : null;
        if (customer is null)
            return (new JsonObject { [field] = new JsonObject { ["node"] = null, ["userErrors"] = new JsonArray(new JsonObject { ["field"] = new JsonArray("id"), ["message"] = "Customer does not exist" }) } }, 10);
        var changed = new List<string>();
        lock (Store.Gate)
        {
            foreach (var tag in tags)
            {
                var existing = customer.Tags.FindIndex(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase));
                if (add && existing < 0) { customer.Tags.Add(tag); changed.Add(tag); }
                if (!add && existing >= 0) { customer.Tags.RemoveAt(existing); changed.Add(tag); }
            }
            if (changed.Count > 0) customer.UpdatedAt = now;
        }
        if (changed.Count > 0)
        {
            TopicRaised?.Invoke(add ? "customer.tags_added" : "customer.tags_removed", new JsonObject
            {
                ["customerId"] = customer.Gid,
                ["tags"] = new JsonArray(changed.Select(t => (JsonNode?)t).ToArray()),
                ["occurredAt"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            });
        }
        return (new JsonObject { [field] = new JsonObject { ["node"] = new JsonObject { ["id"] = customer.Gid }, ["userErrors"] = new JsonArray() } }, 10);
    }

    /// <summary>
    /// <c>customerUpdate(input: CustomerInput!)</c> for the fields the simulator holds as plain values (note, first and
    /// last name): a staff edit in the admin, moving <c>updatedAt</c>. It raises no webhook: what reaches the worker is
    /// what reconciliation reads.
    /// </summary>
    private (JsonNode Data, double Actual) UpdateCustomer(JsonObject variables, DateTimeOffset now)
    {
        var input = variables["input"] as JsonObject ?? new JsonObject();
        var customer = IdOf((string?)input["id"]) is { } id ? Store.Customer(id) : null;
        if (customer is null)
            return (new JsonObject { ["customerUpdate"] = new JsonObject { ["customer"] = null, ["userErrors"] = new JsonArray(new JsonObject { ["field"] = new JsonArray("id"), ["message"] = "Customer does not exist" }) } }, 10);
        lock (Store.Gate)
        {
            if (input.ContainsKey("note")) customer.Note = (string?)input["note"];
            if (input.ContainsKey("firstName")) customer.FirstName = (string?)input["firstName"];
            if (input.ContainsKey("lastName")) customer.LastName = (string?)input["lastName"];
            customer.UpdatedAt = now;
        }
        return (new JsonObject { ["customerUpdate"] = new JsonObject { ["customer"] = new JsonObject { ["id"] = customer.Gid }, ["userErrors"] = new JsonArray() } }, 10);
    }

    private (JsonNode Data, double Actual) BulkRun(JsonObject variables, DateTimeOffset now, string downloadBase)
    {
        var op = Bulk.Start((string?)variables["query"] ?? "", out var error);
        var userErrors = new JsonArray();
        if (error is not null) userErrors.Add(new JsonObject { ["field"] = new JsonArray("query"), ["message"] = error, ["code"] = "LIMIT_REACHED" });
        return (new JsonObject
        {
            ["bulkOperationRunQuery"] = new JsonObject
            {
                ["bulkOperation"] = op is null ? null : ShopifyBulkOperations.Node(op, now, downloadBase),
                ["userErrors"] = userErrors,
            },
        }, 10);
    }

    private (JsonNode Data, double Actual) BulkStatus(JsonObject variables, DateTimeOffset now, string downloadBase)
    {
        var op = IdOf((string?)variables["id"]) is { } id ? Bulk.Find(id) : null;
        return (new JsonObject { ["bulkOperation"] = op is null ? null : ShopifyBulkOperations.Node(op, now, downloadBase) }, 1);
    }

    [GeneratedRegex(@"created_at:(>=|<=|>|<)'?([0-9T:\-\.Z+]+)'?")]
    private static partial Regex CreatedAtFilter();

    [GeneratedRegex(@"updated_at:>=?'?([0-9T:\-\.Z+]+)'?")]
    private static partial Regex UpdatedAtFilter();
}
