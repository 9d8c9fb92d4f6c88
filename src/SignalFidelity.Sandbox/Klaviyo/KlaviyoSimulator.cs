using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SignalFidelity.Sandbox.Faults;
using SignalFidelity.Sandbox.Http;

namespace SignalFidelity.Sandbox.Klaviyo;

/// <summary>
/// The Klaviyo endpoints SignalFidelity uses, under <c>/klaviyo</c>: JSON:API bodies per the OpenAPI,
/// <c>Klaviyo-API-Key</c> auth, a required <c>revision</c> header, per-endpoint burst and steady windows
/// with <c>RateLimit-*</c> headers, 429 with <c>Retry-After</c>, and bulk jobs that finish later; profile merges and
/// data-privacy deletions are carried out at once.
/// </summary>
public sealed class KlaviyoSimulator
{
    public const string Prefix = "/klaviyo";
    private const string MediaType = "application/vnd.api+json";
    private readonly KlaviyoSimulatorOptions _options;
    private readonly FaultInjector _faults;
    private readonly TrafficLog _traffic;
    private readonly Dictionary<string, RollingWindowLimiter> _limiters = new(StringComparer.Ordinal);

    public KlaviyoSimulator(KlaviyoSimulatorOptions options, TimeProvider clock, FaultInjector faults, TrafficLog traffic)
    {
        _options = options;
        _faults = faults;
        _traffic = traffic;
        State = new KlaviyoState(clock, options.BulkImportProfilesPerSecond);
        foreach (var (operation, limit) in options.Limits)
        {
            _limiters[operation] = new RollingWindowLimiter(clock,
                new RateWindow(limit.BurstPerSecond, TimeSpan.FromSeconds(1), "burst"),
                new RateWindow(limit.SteadyPerMinute, TimeSpan.FromMinutes(1), "steady"));
        }
    }

    public KlaviyoState State { get; }
    public KlaviyoSimulatorOptions Options => _options;

    internal void Map(IEndpointRouteBuilder app)
    {
        Route(app, "POST", "/api/profile-import", ProfileImportAsync);
        Route(app, "GET", "/api/profiles", GetProfilesAsync);
        Route(app, "GET", "/api/profiles/{id}", GetProfileAsync);
        Route(app, "POST", "/api/profile-bulk-import-jobs", CreateImportJobAsync);
        Route(app, "GET", "/api/profile-bulk-import-jobs/{job_id}", GetImportJobAsync);
        Route(app, "GET", "/api/profile-bulk-import-jobs/{id}/import-errors", GetImportErrorsAsync);
        Route(app, "POST", "/api/events", CreateEventAsync);
        Route(app, "GET", "/api/events", GetEventsAsync);
        Route(app, "GET", "/api/metrics", GetMetricsAsync);
        Route(app, "POST", "/api/data-privacy-deletion-jobs", RequestProfileDeletionAsync);
        Route(app, "POST", "/api/profile-merge", MergeProfilesAsync);
    }

    private void Route(IEndpointRouteBuilder app, string method, string template, Func<HttpContext, Task> handler)
    {
        var operation = $"{method} {template}";
        var limiter = _limiters[operation];
        var log = "klaviyo " + operation;
        app.MapMethods(Prefix + template, [method], async context =>
        {
            _traffic.Request(log);
            context.Items["operation"] = operation;
            // Klaviyo answers a missing or wrong private key with 401 not_authenticated and this title and detail
            // (the JSON:API ClientError shape of its OpenAPI; pointer "/data/" as Klaviyo sends it). Some accounts are
            // reported to answer a wrong key with code authentication_failed (trufflesecurity/trufflehog#1870): the
            // worker reads any 401 as a refused key, whatever the code.
            if (!context.Request.Headers.Authorization.ToString().Equals("Klaviyo-API-Key " + _options.ApiKey, StringComparison.Ordinal))
            {
                await Respond(context, 401, KlaviyoJson.Errors(401, "not_authenticated", "Authentication credentials were not provided.", "Missing or invalid private key.", pointer: "/data/"), MediaType);
                return;
            }
            // A valid key without the operation's scope: 403 permission_denied with a JSON:API errors body (what
            // trufflesecurity/trufflehog's Klaviyo detector relies on, PR #1870). The detail's wording is the sandbox's own.
            if (_options.MissingScopes(operation) is { Count: > 0 } missing)
            {
                await Respond(context, 403, KlaviyoJson.Errors(403, "permission_denied", "You do not have permission to perform this action.",
                    $"This API key is missing required scopes: {string.Join(", ", missing)}.", pointer: "/data/"), MediaType);
                return;
            }
            if (context.Request.Headers["revision"].ToString() != KlaviyoSimulatorOptions.Revision)
            {
                await Respond(context, 400, KlaviyoJson.Errors(400, "invalid", "Invalid input.",
                    $"The revision header is required and must be '{KlaviyoSimulatorOptions.Revision}' here.", parameter: "revision"), MediaType);
                return;
            }
            if (await _faults.TryInjectAsync(context, log, WriteThrottledAsync)) return;

            var decision = limiter.TryAcquire();
            if (!decision.Admitted)
            {
                _traffic.Throttled(log);
                await WriteThrottledAsync(context, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
                return;
            }
            context.Response.Headers["RateLimit-Limit"] = decision.Tightest.Limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["RateLimit-Reset"] = Math.Max(1, (int)Math.Ceiling(decision.ResetIn.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            try
            {
                await handler(context);
            }
            catch (BodyTooLargeException e)
            {
                await Respond(context, 413, KlaviyoJson.Errors(413, "payload_too_large", "Request body too large.", e.Message), MediaType);
            }
            catch (FormatException e)
            {
                await Respond(context, 400, KlaviyoJson.Errors(400, "invalid", "Invalid input.", e.Message, parameter: "filter"), MediaType);
            }
        });
    }

    /// <summary>Every JSON:API request body the simulator accepted for parsing, by operation: contract tests validate them.</summary>
    public event Action<string, JsonNode>? RequestReceived;

    /// <summary>Every JSON body the simulator answers, by operation and status: contract tests validate them.</summary>
    public event Action<string, int, JsonNode>? ResponseWritten;

    private Task Respond(HttpContext context, int status, JsonNode body, string contentType)
    {
        if (context.Items["operation"] is string operation) ResponseWritten?.Invoke(operation, status, body);
        return JsonResults.WriteAsync(context, status, body, contentType);
    }

    private async Task<JsonNode?> ReadBodyAsync(HttpContext context, int maxBytes)
    {
        var body = await JsonResults.ReadAsync(context, maxBytes);
        if (body is not null && context.Items["operation"] is string operation) RequestReceived?.Invoke(operation, body);
        return body;
    }

    private Task WriteThrottledAsync(HttpContext context, int retryAfterSeconds)
    {
        retryAfterSeconds = Math.Max(1, retryAfterSeconds);
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Respond(context, 429, KlaviyoJson.Errors(429, "throttled", "Request was throttled.",
            $"Request was throttled. Expected available in {retryAfterSeconds} second{(retryAfterSeconds == 1 ? "" : "s")}."), MediaType);
    }


    private static string BaseUrl(HttpContext c) => $"{c.Request.Scheme}://{c.Request.Host}{Prefix}";

    private Task Invalid(HttpContext context, string detail, string pointer) =>
        Respond(context, 400, KlaviyoJson.Errors(400, "invalid", "Invalid input.", detail, pointer), MediaType);

    private async Task ProfileImportAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context, _options.MaxProfileImportBytes);
        if (body?["data"] is not JsonObject data || (string?)data["type"] != "profile" || data["attributes"] is not JsonObject attributes)
        {
            await Invalid(context, "The body must be a JSON:API document with data.type 'profile' and data.attributes.", "/data");
            return;
        }
        var email = (string?)attributes["email"];
        if (email is not null && !KlaviyoState.IsPlausibleEmail(email))
        {
            await Invalid(context, $"Invalid email address: '{email}'.", "/data/attributes/email");
            return;
        }
        if (email is null && attributes["phone_number"] is null && attributes["external_id"] is null && data["id"] is null)
        {
            await Invalid(context, "One of email, phone_number or external_id is required.", "/data/attributes");
            return;
        }
        JsonObject resource;
        bool created;
        lock (State.Gate)
        {
            var (profile, isNew) = State.UpsertUnlocked((string?)data["id"], attributes, PropertyWriterLog.ClientOf(context));
            created = isNew;
            resource = KlaviyoJson.Profile(profile, BaseUrl(context));
        }
        await Respond(context, created ? 201 : 200, new JsonObject { ["data"] = resource, ["links"] = new JsonObject { ["self"] = BaseUrl(context) + "/api/profile-import/" } }, MediaType);
    }

    /// <summary>Request Profile Deletion: exactly one of email, phone_number or id names the profiles to erase; 202, no body.</summary>
    private async Task RequestProfileDeletionAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context, _options.MaxProfileImportBytes);
        if (body?["data"] is not JsonObject data || (string?)data["type"] != "data-privacy-deletion-job"
            || data["attributes"]?["profile"]?["data"] is not JsonObject profile || (string?)profile["type"] != "profile")
        {
            await Invalid(context, "The body must be a JSON:API document with data.type 'data-privacy-deletion-job' and data.attributes.profile.data of type 'profile'.", "/data");
            return;
        }
        var attributes = profile["attributes"] as JsonObject ?? new JsonObject();
        string? Text(string name) => attributes[name] is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
        var (id, email, phone) = (Text("id") ?? (string?)profile["id"], Text("email"), Text("phone_number"));
        var given = new[] { id, email, phone }.Count(v => v is not null);
        if (given != 1)
        {
            await Invalid(context, given == 0
                ? "One of email, phone_number or id is required to identify the profile to delete."
                : "Only one of email, phone_number or id may identify the profile to delete.", "/data/attributes/profile/data/attributes");
            return;
        }
        lock (State.Gate)
        {
            State.DeleteUnlocked(id, email, phone);
        }
        context.Response.StatusCode = 202;
    }

    /// <summary>
    /// Merge Profiles (ProfileMergeQuery of the OpenAPI): the one source profile under <c>relationships.profiles</c> is
    /// merged into the destination <c>data.id</c> and deleted; 201 with the destination (PostProfileMergeResponse). Klaviyo
    /// queues the merge; the sandbox carries it out at once. How values combine is <see cref="KlaviyoState.MergeUnlocked"/>'s.
    /// </summary>
    private async Task MergeProfilesAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context, _options.MaxProfileImportBytes);
        var sources = body?["data"]?["relationships"]?["profiles"]?["data"] as JsonArray;
        if (body?["data"] is not JsonObject data || (string?)data["type"] != "profile-merge" || (string?)data["id"] is not { Length: > 0 } destinationId || sources is null)
        {
            await Invalid(context, "The body must be a JSON:API document with data.type 'profile-merge', data.id and data.relationships.profiles.data.", "/data");
            return;
        }
        if (sources.Count != 1 || sources[0] is not JsonObject source || (string?)source["type"] != "profile" || (string?)source["id"] is not { Length: > 0 } sourceId)
        {
            await Invalid(context, "Exactly one source profile of type 'profile' is accepted.", "/data/relationships/profiles/data");
            return;
        }
        if (sourceId == destinationId)
        {
            await Invalid(context, "A profile cannot be merged into itself.", "/data/relationships/profiles/data/0/id");
            return;
        }
        string? missing;
        lock (State.Gate)
        {
            State.ApplyFinishedJobs();
            missing = State.FindByIdUnlocked(destinationId) is null ? destinationId : State.FindByIdUnlocked(sourceId) is null ? sourceId : null;
            if (missing is null) State.MergeUnlocked(destinationId, sourceId);
        }
        if (missing is not null)
        {
            await Respond(context, 404, KlaviyoJson.Errors(404, "not_found", "Not found.", $"A profile with id {missing} does not exist."), MediaType);
            return;
        }
        var self = $"{BaseUrl(context)}/api/profiles/{destinationId}/";
        await Respond(context, 201, new JsonObject
        {
            ["data"] = new JsonObject { ["type"] = "profile", ["id"] = destinationId, ["links"] = new JsonObject { ["self"] = self } },
            ["links"] = new JsonObject { ["self"] = BaseUrl(context) + "/api/profile-merge/" },
        }, MediaType);
    }

    private async Task GetProfilesAsync(HttpContext context)
    {
        var terms = KlaviyoFilterTerm.Parse(context.Request.Query["filter"]);
        var (offset, size) = Paging(context, 20, 100);
        List<JsonNode?> page;
        bool more;
        lock (State.Gate)
        {
            State.ApplyFinishedJobs();
            var matches = State.ProfilesUnlocked.Where(p => terms.All(t => ProfileMatches(p, t)));
            var slice = matches.Skip(offset).Take(size + 1).ToList();
            more = slice.Count > size;
            page = slice.Take(size).Select(p => (JsonNode?)KlaviyoJson.Profile(p, BaseUrl(context))).ToList();
        }
        await Respond(context, 200, new JsonObject
        {
            ["data"] = new JsonArray(page.ToArray()),
            ["links"] = CollectionLinks(context, "/api/profiles/", offset, size, more),
        }, MediaType);
    }

    private static bool ProfileMatches(KlaviyoProfileRecord p, KlaviyoFilterTerm t) => t.Field switch
    {
        "id" => t.MatchesText(p.Id),
        "email" => t.Values.Any(v => KlaviyoState.EmailKey(v) == KlaviyoState.EmailKey(p.Email)),
        "phone_number" => t.MatchesText(p.PhoneNumber),
        "external_id" => t.MatchesText(p.ExternalId),
        "created" => t.MatchesDate(p.Created),
        "updated" => t.MatchesDate(p.Updated),
        _ => throw new FormatException($"Filtering profiles on '{t.Field}' is not supported."),
    };

    private async Task GetProfileAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        JsonObject? resource;
        lock (State.Gate)
        {
            State.ApplyFinishedJobs();
            resource = State.FindByIdUnlocked(id) is { } p ? KlaviyoJson.Profile(p, BaseUrl(context)) : null;
        }
        if (resource is null)
            await Respond(context, 404, KlaviyoJson.Errors(404, "not_found", "Not found.", $"A profile with id {id} does not exist."), MediaType);
        else
            await Respond(context, 200, new JsonObject { ["data"] = resource, ["links"] = new JsonObject { ["self"] = $"{BaseUrl(context)}/api/profiles/{id}/" } }, MediaType);
    }

    private async Task CreateImportJobAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context, _options.MaxJobBytes);
        if (body?["data"] is not JsonObject data || (string?)data["type"] != "profile-bulk-import-job"
            || data["attributes"]?["profiles"]?["data"] is not JsonArray profiles)
        {
            await Invalid(context, "The body must be a profile-bulk-import-job with attributes.profiles.data.", "/data");
            return;
        }
        if (profiles.Count == 0 || profiles.Count > _options.MaxProfilesPerJob)
        {
            await Invalid(context, $"A job holds 1 to {_options.MaxProfilesPerJob} profiles; this one has {profiles.Count}.", "/data/attributes/profiles/data");
            return;
        }
        var copies = profiles.Select(p => (JsonObject)p!.DeepClone()).ToList();
        JsonObject resource;
        lock (State.Gate)
        {
            var job = State.AddJobUnlocked(copies);
            resource = KlaviyoJson.ImportJob(job, State.Clock.GetUtcNow(), BaseUrl(context));
        }
        await Respond(context, 202, new JsonObject { ["data"] = resource, ["links"] = new JsonObject { ["self"] = BaseUrl(context) + "/api/profile-bulk-import-jobs/" } }, MediaType);
    }

    private async Task GetImportJobAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["job_id"]!;
        JsonObject? resource;
        lock (State.Gate)
        {
            resource = State.JobUnlocked(id) is { } job ? KlaviyoJson.ImportJob(job, State.Clock.GetUtcNow(), BaseUrl(context)) : null;
        }
        if (resource is null)
            await Respond(context, 404, KlaviyoJson.Errors(404, "not_found", "Not found.", $"Import job {id} does not exist."), MediaType);
        else
            await Respond(context, 200, new JsonObject { ["data"] = resource, ["links"] = new JsonObject { ["self"] = $"{BaseUrl(context)}/api/profile-bulk-import-jobs/{id}/" } }, MediaType);
    }

    private async Task GetImportErrorsAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var (offset, size) = Paging(context, 20, 100);
        List<JsonNode?>? page = null;
        var more = false;
        lock (State.Gate)
        {
            if (State.JobUnlocked(id) is { } job)
            {
                var slice = job.Errors.Skip(offset).Take(size + 1).ToList();
                more = slice.Count > size;
                page = slice.Take(size).Select((e, i) => (JsonNode?)new JsonObject
                {
                    ["type"] = "import-error",
                    ["id"] = $"{job.Id}-{offset + i}",
                    ["attributes"] = new JsonObject
                    {
                        ["code"] = e.Code,
                        ["title"] = e.Title,
                        ["detail"] = e.Detail,
                        ["source"] = new JsonObject { ["pointer"] = e.Pointer },
                        ["original_payload"] = e.Payload.DeepClone(),
                    },
                }).ToList();
            }
        }
        if (page is null)
        {
            await Respond(context, 404, KlaviyoJson.Errors(404, "not_found", "Not found.", $"Import job {id} does not exist."), MediaType);
            return;
        }
        await Respond(context, 200, new JsonObject
        {
            ["data"] = new JsonArray(page.ToArray()),
            ["links"] = CollectionLinks(context, $"/api/profile-bulk-import-jobs/{id}/import-errors/", offset, size, more),
        }, MediaType);
    }

    private async Task CreateEventAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context, 1024 * 1024);
        var attributes = body?["data"]?["attributes"] as JsonObject;
        var metricName = (string?)attributes?["metric"]?["data"]?["attributes"]?["name"];
        var profileAttributes = attributes?["profile"]?["data"]?["attributes"] as JsonObject;
        if ((string?)body?["data"]?["type"] != "event" || attributes?["properties"] is not JsonObject properties || metricName is null || profileAttributes is null)
        {
            await Invalid(context, "An event needs data.type 'event', attributes.properties, a metric name and a profile.", "/data/attributes");
            return;
        }
        var time = attributes["time"] is JsonValue t ? DateTimeOffset.Parse((string)t!, CultureInfo.InvariantCulture) : State.Clock.GetUtcNow();
        double? value = attributes["value"] is JsonValue v ? (double)v : null;
        lock (State.Gate)
        {
            var (profile, _) = State.UpsertUnlocked((string?)attributes["profile"]?["data"]?["id"], profileAttributes, PropertyWriterLog.ClientOf(context));
            State.AddEventUnlocked(metricName, profile, time, (string?)attributes["unique_id"], (JsonObject)properties.DeepClone(), value);
        }
        context.Response.StatusCode = 202;
    }

    private async Task GetEventsAsync(HttpContext context)
    {
        var terms = KlaviyoFilterTerm.Parse(context.Request.Query["filter"]);
        var (offset, size) = Paging(context, 200, 1000);
        var descending = context.Request.Query["sort"].ToString() is "-datetime" or "-timestamp";
        List<JsonNode?> page;
        bool more;
        lock (State.Gate)
        {
            var matches = State.EventsUnlocked.Where(e => terms.All(t => t.Field switch
            {
                "metric_id" => t.MatchesText(e.MetricId),
                "profile_id" => t.MatchesText(e.ProfileId),
                "datetime" or "timestamp" => t.MatchesDate(e.Datetime),
                _ => throw new FormatException($"Filtering events on '{t.Field}' is not supported."),
            }));
            matches = descending ? matches.OrderByDescending(e => e.Datetime) : matches.OrderBy(e => e.Datetime);
            var slice = matches.Skip(offset).Take(size + 1).ToList();
            more = slice.Count > size;
            page = slice.Take(size).Select(e => (JsonNode?)KlaviyoJson.Event(e, BaseUrl(context))).ToList();
        }
        await Respond(context, 200, new JsonObject
        {
            ["data"] = new JsonArray(page.ToArray()),
            ["links"] = CollectionLinks(context, "/api/events/", offset, size, more),
        }, MediaType);
    }

    private async Task GetMetricsAsync(HttpContext context)
    {
        var terms = KlaviyoFilterTerm.Parse(context.Request.Query["filter"]);
        List<JsonNode?> data;
        lock (State.Gate)
        {
            data = State.MetricsUnlocked
                .Where(m => terms.All(t => t.Field == "name" ? t.MatchesText(m.Name) : throw new FormatException($"Filtering metrics on '{t.Field}' is not supported.")))
                .Select(m => (JsonNode?)new JsonObject
                {
                    ["type"] = "metric",
                    ["id"] = m.Id,
                    ["attributes"] = new JsonObject
                    {
                        ["name"] = m.Name,
                        ["created"] = JsonResults.Iso(m.Created),
                        ["updated"] = JsonResults.Iso(m.Created),
                        ["integration"] = new JsonObject { ["name"] = "API", ["category"] = "API" },
                    },
                    ["links"] = new JsonObject { ["self"] = $"{BaseUrl(context)}/api/metrics/{m.Id}/" },
                }).ToList();
        }
        await Respond(context, 200, new JsonObject
        {
            ["data"] = new JsonArray(data.ToArray()),
            ["links"] = new JsonObject { ["self"] = BaseUrl(context) + "/api/metrics/" },
        }, MediaType);
    }

    private static (int Offset, int Size) Paging(HttpContext context, int defaultSize, int maxSize)
    {
        var size = defaultSize;
        if (context.Request.Query["page[size]"].ToString() is { Length: > 0 } s)
        {
            if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > maxSize)
                throw new FormatException($"page[size] must be between 1 and {maxSize}.");
        }
        var offset = 0;
        if (context.Request.Query["page[cursor]"].ToString() is { Length: > 0 } cursor)
        {
            try { offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), CultureInfo.InvariantCulture); }
            catch (FormatException) { throw new FormatException($"page[cursor] '{cursor}' is not a cursor this API issued."); }
        }
        return (offset, size);
    }

    private static JsonObject CollectionLinks(HttpContext context, string path, int offset, int size, bool more)
    {
        var self = $"{BaseUrl(context)}{path}{context.Request.QueryString}";
        var links = new JsonObject { ["self"] = self };
        if (more)
        {
            var query = context.Request.Query.Where(q => q.Key != "page[cursor]")
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
            query.Add("page%5Bcursor%5D=" + Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + size).ToString(CultureInfo.InvariantCulture)))));
            links["next"] = $"{BaseUrl(context)}{path}?{string.Join('&', query)}";
        }
        return links;
    }
}
