using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SignalFidelity.Sandbox.Faults;
using SignalFidelity.Sandbox.Http;

namespace SignalFidelity.Sandbox.HubSpot;

/// <summary>
/// HubSpot CRM v3 contacts under <c>/hubspot</c>: batch upsert and batch read (100 inputs, 200 or 207),
/// search, merge, GDPR delete, the property list; a rolling ten-second window and a daily cap per app, with the
/// <c>X-HubSpot-RateLimit-*</c> headers and a 429 that names its <c>policyName</c>.
/// </summary>
public sealed class HubSpotSimulator
{
    public const string Prefix = "/hubspot";
    private const int MaxBatch = 100;
    private readonly HubSpotSimulatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly FaultInjector _faults;
    private readonly TrafficLog _traffic;
    private readonly RollingWindowLimiter _tenSecond;
    private readonly RollingWindowLimiter _search;
    private long _dailyUsed;
    private DateOnly _day;

    public static readonly (string Name, string Label, string Type, string FieldType)[] StandardProperties =
    [
        ("email", "Email", "string", "text"),
        ("firstname", "First Name", "string", "text"),
        ("lastname", "Last Name", "string", "text"),
        ("phone", "Phone Number", "string", "phonenumber"),
        ("lifecyclestage", "Lifecycle Stage", "enumeration", "radio"),
        ("createdate", "Create Date", "datetime", "date"),
        ("lastmodifieddate", "Last Modified Date", "datetime", "date"),
        ("hs_object_id", "Record ID", "number", "number"),
        ("shopify_customer_id", "Shopify Customer ID", "string", "text"),
        ("total_spent", "Total Spent", "number", "number"),
        ("order_count", "Order Count", "number", "number"),
        ("last_order_date", "Last Order Date", "datetime", "date"),
        ("primary_tag", "Primary Tag", "string", "text"),
    ];

    public HubSpotSimulator(HubSpotSimulatorOptions options, TimeProvider clock, FaultInjector faults, TrafficLog traffic)
    {
        _options = options;
        _clock = clock;
        _faults = faults;
        _traffic = traffic;
        _tenSecond = new RollingWindowLimiter(clock, new RateWindow(options.TenSecondLimit, TimeSpan.FromSeconds(10), "TEN_SECONDLY_ROLLING"));
        _search = new RollingWindowLimiter(clock, new RateWindow(options.SearchPerSecond, TimeSpan.FromSeconds(1), "SECONDLY"));
        _day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    public HubSpotState State { get; } = new();
    public HubSpotSimulatorOptions Options => _options;

    internal void Map(IEndpointRouteBuilder app)
    {
        Route(app, "POST", "/crm/v3/objects/contacts/batch/upsert", BatchUpsertAsync, "crm.objects.contacts.write");
        Route(app, "POST", "/crm/v3/objects/contacts/batch/read", BatchReadAsync, "crm.objects.contacts.read");
        Route(app, "POST", "/crm/v3/objects/contacts/search", SearchAsync, "crm.objects.contacts.read", isSearch: true);
        Route(app, "POST", "/crm/v3/objects/contacts/gdpr-delete", GdprDeleteAsync, "crm.objects.contacts.write");
        Route(app, "POST", "/crm/v3/objects/contacts/merge", MergeAsync, "crm.objects.contacts.write");
        Route(app, "GET", "/crm/v3/objects/contacts", ListContactsAsync, "crm.objects.contacts.read");
        Route(app, "GET", "/crm/v3/properties/contacts", PropertiesAsync, "crm.schemas.contacts.read");
    }

    private void Route(IEndpointRouteBuilder app, string method, string template, Func<HttpContext, Task> handler, string scope, bool isSearch = false)
    {
        var log = $"hubspot {method} {template}";
        app.MapMethods(Prefix + template, [method], async context =>
        {
            _traffic.Request(log);
            if (context.Request.Headers.Authorization.ToString() != "Bearer " + _options.AccessToken)
            {
                // HubSpot's words and category for a missing or unknown token (HubSpot/hubspot-api-nodejs#432, #148).
                await JsonResults.WriteAsync(context, 401, Error(
                    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
                    "INVALID_AUTHENTICATION"));
                return;
            }
            if (_options.GrantedScopes is { } granted && !granted.Contains(scope))
            {
                await JsonResults.WriteAsync(context, 403, MissingScopes(scope));
                return;
            }
            if (await _faults.TryInjectAsync(context, log, (c, s) => WriteThrottledAsync(c, "TEN_SECONDLY_ROLLING"))) return;

            if (!TryTakeDaily())
            {
                _traffic.Throttled(log);
                await WriteThrottledAsync(context, "DAILY");
                return;
            }
            var decision = _tenSecond.TryAcquire();
            if (!decision.Admitted || (isSearch && !_search.TryAcquire().Admitted))
            {
                _traffic.Throttled(log);
                await WriteThrottledAsync(context, decision.Admitted ? "SECONDLY" : "TEN_SECONDLY_ROLLING");
                return;
            }
            var headers = context.Response.Headers;
            headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = "10000";
            headers["X-HubSpot-RateLimit-Max"] = _options.TenSecondLimit.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Daily"] = _options.DailyLimit.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Daily-Remaining"] = (_options.DailyLimit - Interlocked.Read(ref _dailyUsed)).ToString(CultureInfo.InvariantCulture);
            await handler(context);
        });
    }

    private bool TryTakeDaily()
    {
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        lock (State.Gate)
        {
            if (today != _day) { _day = today; _dailyUsed = 0; }
            if (_dailyUsed >= _options.DailyLimit) return false;
            _dailyUsed++;
            return true;
        }
    }

    private static Task WriteThrottledAsync(HttpContext context, string policy) =>
        JsonResults.WriteAsync(context, 429, new JsonObject
        {
            ["status"] = "error",
            ["message"] = $"You have reached your {policy.ToLowerInvariant()} limit.",
            ["errorType"] = "RATE_LIMIT",
            ["correlationId"] = Guid.NewGuid().ToString(),
            ["policyName"] = policy,
            ["groupName"] = "publicapi",
        });

    private static JsonObject Error(string message, string category) => new()
    {
        ["status"] = "error",
        ["message"] = message,
        ["correlationId"] = Guid.NewGuid().ToString(),
        ["category"] = category,
    };

    /// <summary>HubSpot's 403 for a token without the endpoint's scope, in the shape of HubSpot/hubspot-api-nodejs#268.</summary>
    private static JsonObject MissingScopes(string scope) => new()
    {
        ["status"] = "error",
        ["message"] = "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        ["correlationId"] = Guid.NewGuid().ToString(),
        ["errors"] = new JsonArray(new JsonObject
        {
            ["message"] = "One or more of the following scopes are required.",
            ["context"] = new JsonObject { ["requiredScopes"] = new JsonArray(scope) },
        }),
        ["links"] = new JsonObject { ["scopes"] = "https://developers.hubspot.com/scopes" },
        ["category"] = "MISSING_SCOPES",
    };

    private static JsonObject Contact(HubSpotContactRecord c, IEnumerable<string>? only, bool? isNew = null)
    {
        var properties = new JsonObject();
        foreach (var (k, v) in c.Properties)
            if (only is null || only.Contains(k) || k is "hs_object_id" or "createdate" or "lastmodifieddate") properties[k] = v;
        var o = new JsonObject
        {
            ["id"] = c.Id,
            ["properties"] = properties,
            ["createdAt"] = c.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
            ["updatedAt"] = c.UpdatedAt.ToString("o", CultureInfo.InvariantCulture),
            ["archived"] = false,
        };
        if (isNew is { } n) o["new"] = n;
        return o;
    }

    private async Task BatchUpsertAsync(HttpContext context)
    {
        var started = _clock.GetUtcNow();
        var body = await JsonResults.ReadAsync(context, 10 * 1024 * 1024);
        if (body?["inputs"] is not JsonArray inputs)
        {
            await JsonResults.WriteAsync(context, 400, Error("Invalid input JSON: 'inputs' is required.", "VALIDATION_ERROR"));
            return;
        }
        if (inputs.Count > MaxBatch)
        {
            await JsonResults.WriteAsync(context, 400, Error($"Batch input must contain at most {MaxBatch} inputs; got {inputs.Count}.", "VALIDATION_ERROR"));
            return;
        }
        var results = new JsonArray();
        var errors = new JsonArray();
        lock (State.Gate)
        {
            foreach (var input in inputs.OfType<JsonObject>())
            {
                var idProperty = (string?)input["idProperty"] ?? "email";
                var id = (string?)input["id"];
                if (!_options.UniqueProperties.Contains(idProperty) || string.IsNullOrWhiteSpace(id))
                {
                    errors.Add(BatchError("VALIDATION_ERROR", $"'{idProperty}' is not a unique property or the id is empty.", id));
                    continue;
                }
                if (idProperty == "email" && !LooksLikeEmail(id))
                {
                    errors.Add(BatchError("VALIDATION_ERROR", $"Email address {id} is invalid", id));
                    continue;
                }
                var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
                if (input["properties"] is JsonObject props)
                    foreach (var (k, v) in props) properties[k] = v is null ? null : v.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)v : v.ToJsonString();
                var (contact, created) = State.UpsertUnlocked(idProperty, id, properties, _options.UniqueProperties, _clock.GetUtcNow(), PropertyWriterLog.ClientOf(context));
                results.Add(Contact(contact, properties.Keys.Append(idProperty), created));
            }
        }
        var response = new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = results,
            ["startedAt"] = started.ToString("o", CultureInfo.InvariantCulture),
            ["completedAt"] = _clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
        };
        if (errors.Count > 0) { response["numErrors"] = errors.Count; response["errors"] = errors; }
        await JsonResults.WriteAsync(context, errors.Count > 0 ? 207 : 200, response);
    }

    private static bool LooksLikeEmail(string s)
    {
        var at = s.IndexOf('@');
        return at > 0 && s.IndexOf('.', at) > at + 1 && !s.Trim().Contains(' ');
    }

    private static JsonObject BatchError(string category, string message, string? id) => new()
    {
        ["status"] = "error",
        ["category"] = category,
        ["message"] = message,
        ["context"] = new JsonObject { ["ids"] = new JsonArray(id is null ? [] : [(JsonNode?)id]) },
    };

    private async Task BatchReadAsync(HttpContext context)
    {
        var started = _clock.GetUtcNow();
        var body = await JsonResults.ReadAsync(context, 1024 * 1024);
        if (body?["inputs"] is not JsonArray inputs || inputs.Count > MaxBatch)
        {
            await JsonResults.WriteAsync(context, 400, Error($"'inputs' is required and holds at most {MaxBatch} ids.", "VALIDATION_ERROR"));
            return;
        }
        var idProperty = (string?)body["idProperty"] ?? "hs_object_id";
        var wanted = (body["properties"] as JsonArray)?.Select(p => (string)p!).ToList();
        var results = new JsonArray();
        var missing = new List<string>();
        lock (State.Gate)
        {
            foreach (var id in inputs.Select(i => (string?)i?["id"]).OfType<string>())
            {
                if (State.FindUnlocked(idProperty, id) is { } c) results.Add(Contact(c, wanted));
                else missing.Add(id);
            }
        }
        var response = new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = results,
            ["startedAt"] = started.ToString("o", CultureInfo.InvariantCulture),
            ["completedAt"] = _clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
        };
        if (missing.Count > 0)
        {
            response["numErrors"] = 1;
            response["errors"] = new JsonArray(new JsonObject
            {
                ["status"] = "error",
                ["category"] = "OBJECT_NOT_FOUND",
                ["message"] = "Could not get some CONTACT objects, they may be deleted or not exist.",
                ["context"] = new JsonObject { ["ids"] = new JsonArray(missing.Select(m => (JsonNode?)m).ToArray()) },
            });
        }
        await JsonResults.WriteAsync(context, missing.Count > 0 ? 207 : 200, response);
    }

    /// <summary>
    /// <c>POST /crm/v3/objects/contacts/gdpr-delete</c> with <c>{"objectId": ..., "idProperty": "email"}</c>: 204 when
    /// erased; 404 (HubSpot's OBJECT_NOT_FOUND) when no contact has that id.
    /// </summary>
    private async Task GdprDeleteAsync(HttpContext context)
    {
        var body = await JsonResults.ReadAsync(context, 64 * 1024) as JsonObject;
        var id = (string?)body?["objectId"];
        var idProperty = (string?)body?["idProperty"] ?? "hs_object_id";
        if (string.IsNullOrWhiteSpace(id))
        {
            await JsonResults.WriteAsync(context, 400, Error("Invalid input JSON: 'objectId' is required.", "VALIDATION_ERROR"));
            return;
        }
        bool deleted;
        lock (State.Gate) deleted = State.DeleteUnlocked(idProperty, id);
        if (!deleted)
        {
            await JsonResults.WriteAsync(context, 404, Error("resource not found", "OBJECT_NOT_FOUND"));
            return;
        }
        context.Response.StatusCode = 204;
    }

    /// <summary>
    /// <c>POST /crm/v3/objects/contacts/merge</c> with <c>{"primaryObjectId": ..., "objectIdToMerge": ...}</c>: 200 with
    /// the merged contact (a SimplePublicObject; its values by <see cref="HubSpotState.MergeUnlocked"/>); 400 when an id
    /// is missing or both are the same contact; 404 (OBJECT_NOT_FOUND) when either id names no contact.
    /// </summary>
    private async Task MergeAsync(HttpContext context)
    {
        var body = await JsonResults.ReadAsync(context, 64 * 1024) as JsonObject;
        var primaryId = (string?)body?["primaryObjectId"];
        var otherId = (string?)body?["objectIdToMerge"];
        if (string.IsNullOrWhiteSpace(primaryId) || string.IsNullOrWhiteSpace(otherId))
        {
            await JsonResults.WriteAsync(context, 400, Error("Invalid input JSON: 'primaryObjectId' and 'objectIdToMerge' are required.", "VALIDATION_ERROR"));
            return;
        }
        JsonObject? merged = null;
        var same = false;
        lock (State.Gate)
        {
            var primary = State.FindUnlocked("hs_object_id", primaryId);
            var other = State.FindUnlocked("hs_object_id", otherId);
            same = primary is not null && ReferenceEquals(primary, other);
            if (primary is not null && other is not null && !same) merged = Contact(State.MergeUnlocked(primary, other, _clock.GetUtcNow()), null);
        }
        if (same)
        {
            await JsonResults.WriteAsync(context, 400, Error("Cannot merge a contact into itself.", "VALIDATION_ERROR"));
            return;
        }
        if (merged is null)
        {
            await JsonResults.WriteAsync(context, 404, Error("resource not found", "OBJECT_NOT_FOUND"));
            return;
        }
        await JsonResults.WriteAsync(context, 200, merged);
    }

    private async Task SearchAsync(HttpContext context)
    {
        var body = await JsonResults.ReadAsync(context, 1024 * 1024) as JsonObject ?? new JsonObject();
        var limit = body["limit"] is JsonValue l ? (int)l : 10;
        if (limit is < 1 or > 200)
        {
            await JsonResults.WriteAsync(context, 400, Error("limit must be between 1 and 200.", "VALIDATION_ERROR"));
            return;
        }
        var after = body["after"] is JsonValue a ? int.Parse((string)a!, CultureInfo.InvariantCulture) : 0;
        var wanted = (body["properties"] as JsonArray)?.Select(p => (string)p!).ToList();
        var groups = (body["filterGroups"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        JsonArray results;
        int total;
        bool more;
        lock (State.Gate)
        {
            var matches = State.ContactsUnlocked.Where(c => groups.Count == 0 || groups.Any(g =>
                (g["filters"] as JsonArray ?? []).OfType<JsonObject>().All(f => FilterMatches(c, f)))).ToList();
            matches = Sorted(matches, body);
            total = matches.Count;
            var slice = matches.Skip(after).Take(limit).ToList();
            more = after + slice.Count < total;
            results = new JsonArray(slice.Select(c => (JsonNode?)Contact(c, wanted)).ToArray());
        }
        var response = new JsonObject { ["total"] = total, ["results"] = results };
        if (more) response["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = (after + limit).ToString(CultureInfo.InvariantCulture) } };
        await JsonResults.WriteAsync(context, 200, response);
    }

    private static bool FilterMatches(HubSpotContactRecord c, JsonObject filter)
    {
        var property = (string?)filter["propertyName"] ?? "";
        var op = (string?)filter["operator"] ?? "EQ";
        var value = (string?)filter["value"];
        var actual = c.Properties.GetValueOrDefault(property);
        return op switch
        {
            "EQ" => string.Equals(actual, property == "email" && value is not null ? HubSpotState.Normalize("email", value) : value, StringComparison.Ordinal),
            "NEQ" => !string.Equals(actual, value, StringComparison.Ordinal),
            "HAS_PROPERTY" => actual is not null,
            "NOT_HAS_PROPERTY" => actual is null,
            "GT" or "GTE" or "LT" or "LTE" => Compare(actual, value) is { } cmp && op switch { "GT" => cmp > 0, "GTE" => cmp >= 0, "LT" => cmp < 0, _ => cmp <= 0 },
            "IN" => (filter["values"] as JsonArray)?.Any(v => (string?)v == actual) ?? false,
            _ => false,
        };
    }

    private static int? Compare(string? actual, string? value)
    {
        if (actual is null || value is null) return null;
        // Datetime properties are held as ISO 8601; HubSpot's search takes their filter values as epoch milliseconds (or ISO).
        if (Instant(actual) is { } at && Instant(value) is { } bound) return at.CompareTo(bound);
        if (decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var b)) return a.CompareTo(b);
        return string.CompareOrdinal(actual, value);
    }

    private static DateTimeOffset? Instant(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
        : text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : null;

    // sorts: [{ propertyName, direction }]; HubSpot allows one sort rule.
    private static List<HubSpotContactRecord> Sorted(List<HubSpotContactRecord> matches, JsonObject body)
    {
        if ((body["sorts"] as JsonArray)?.FirstOrDefault() is not JsonObject sort || (string?)sort["propertyName"] is not { } property) return matches;
        var ordered = matches.OrderBy(c => c.Properties.GetValueOrDefault(property), Comparer<string?>.Create((a, b) => Compare(a, b) ?? string.CompareOrdinal(a, b))).ToList();
        if (string.Equals((string?)sort["direction"], "DESCENDING", StringComparison.OrdinalIgnoreCase)) ordered.Reverse();
        return ordered;
    }

    /// <summary><c>GET /crm/v3/objects/contacts?limit=N</c>: the first page of contacts (limit 1 to 100, default 10).</summary>
    private async Task ListContactsAsync(HttpContext context)
    {
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 10;
        if (limit is < 1 or > 100)
        {
            await JsonResults.WriteAsync(context, 400, Error("limit must be between 1 and 100.", "VALIDATION_ERROR"));
            return;
        }
        JsonArray results;
        bool more;
        lock (State.Gate)
        {
            results = new JsonArray(State.ContactsUnlocked.Take(limit).Select(c => (JsonNode?)Contact(c, ["email", "firstname", "lastname"])).ToArray());
            more = State.ContactsUnlocked.Skip(limit).Any();
        }
        var response = new JsonObject { ["results"] = results };
        if (more) response["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = limit.ToString(CultureInfo.InvariantCulture) } };
        await JsonResults.WriteAsync(context, 200, response);
    }

    private Task PropertiesAsync(HttpContext context) =>
        JsonResults.WriteAsync(context, 200, new JsonObject
        {
            ["results"] = new JsonArray(StandardProperties.Select(p => (JsonNode?)new JsonObject
            {
                ["name"] = p.Name,
                ["label"] = p.Label,
                ["type"] = p.Type,
                ["fieldType"] = p.FieldType,
                ["groupName"] = "contactinformation",
                ["hasUniqueValue"] = _options.UniqueProperties.Contains(p.Name) && p.Name != "email",
                ["hidden"] = false,
                ["calculated"] = false,
            }).ToArray()),
        });
}
