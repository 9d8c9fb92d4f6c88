using System.Text.Json.Nodes;
using SignalFidelity.Sandbox.Http;

namespace SignalFidelity.Sandbox.Klaviyo;

/// <summary>Builds response documents in the shapes of Klaviyo's OpenAPI (2026-07-15).</summary>
internal static class KlaviyoJson
{
    public static JsonObject Profile(KlaviyoProfileRecord p, string baseUrl)
    {
        var properties = new JsonObject();
        foreach (var (k, v) in p.Properties) properties[k] = v?.DeepClone();
        return new JsonObject
        {
            ["type"] = "profile",
            ["id"] = p.Id,
            ["attributes"] = new JsonObject
            {
                ["email"] = p.Email,
                ["phone_number"] = p.PhoneNumber,
                ["external_id"] = p.ExternalId,
                ["first_name"] = p.FirstName,
                ["last_name"] = p.LastName,
                ["organization"] = null,
                ["locale"] = null,
                ["title"] = null,
                ["image"] = null,
                ["created"] = JsonResults.Iso(p.Created),
                ["updated"] = JsonResults.Iso(p.Updated),
                ["last_event_date"] = null,
                ["properties"] = properties,
            },
            ["relationships"] = new JsonObject
            {
                ["lists"] = new JsonObject { ["links"] = RelLinks(baseUrl, $"profiles/{p.Id}", "lists") },
                ["segments"] = new JsonObject { ["links"] = RelLinks(baseUrl, $"profiles/{p.Id}", "segments") },
            },
            ["links"] = new JsonObject { ["self"] = $"{baseUrl}/api/profiles/{p.Id}/" },
        };
    }

    public static JsonObject RelLinks(string baseUrl, string path, string name) => new()
    {
        ["self"] = $"{baseUrl}/api/{path}/relationships/{name}/",
        ["related"] = $"{baseUrl}/api/{path}/{name}/",
    };

    public static JsonObject ImportJob(KlaviyoImportJob job, DateTimeOffset now, string baseUrl)
    {
        string status;
        int completed;
        if (job.Applied) { status = "complete"; completed = job.ProfileIds.Count; }
        else if (now < job.StartsAt) { status = "queued"; completed = 0; }
        else
        {
            status = "processing";
            var span = (job.CompletesAt - job.StartsAt).TotalSeconds;
            completed = span <= 0 ? 0 : (int)(job.Profiles.Count * Math.Clamp((now - job.StartsAt).TotalSeconds / span, 0, 0.999));
        }
        return new JsonObject
        {
            ["type"] = "profile-bulk-import-job",
            ["id"] = job.Id,
            ["attributes"] = new JsonObject
            {
                ["status"] = status,
                ["created_at"] = JsonResults.Iso(job.CreatedAt),
                ["total_count"] = job.Profiles.Count,
                ["completed_count"] = completed,
                ["failed_count"] = job.Applied ? job.Errors.Count : 0,
                ["completed_at"] = job.Applied ? JsonResults.Iso(job.CompletesAt) : null,
                ["expires_at"] = JsonResults.Iso(job.CreatedAt.AddDays(7)),
                ["started_at"] = now >= job.StartsAt ? JsonResults.Iso(job.StartsAt) : null,
            },
            ["relationships"] = new JsonObject
            {
                ["lists"] = new JsonObject { ["data"] = new JsonArray(), ["links"] = RelLinks(baseUrl, $"profile-bulk-import-jobs/{job.Id}", "lists") },
                ["profiles"] = new JsonObject { ["links"] = RelLinks(baseUrl, $"profile-bulk-import-jobs/{job.Id}", "profiles") },
                ["import-errors"] = new JsonObject { ["links"] = new JsonObject { ["related"] = $"{baseUrl}/api/profile-bulk-import-jobs/{job.Id}/import-errors/" } },
            },
            ["links"] = new JsonObject { ["self"] = $"{baseUrl}/api/profile-bulk-import-jobs/{job.Id}/" },
        };
    }

    public static JsonObject Event(KlaviyoEventRecord e, string baseUrl) => new()
    {
        ["type"] = "event",
        ["id"] = e.Id,
        ["attributes"] = new JsonObject
        {
            ["timestamp"] = e.Datetime.ToUnixTimeSeconds(),
            ["event_properties"] = e.Properties.DeepClone(),
            ["datetime"] = JsonResults.Iso(e.Datetime),
            ["uuid"] = e.Id,
        },
        ["relationships"] = new JsonObject
        {
            ["profile"] = new JsonObject
            {
                ["data"] = new JsonObject { ["type"] = "profile", ["id"] = e.ProfileId },
                ["links"] = RelLinks(baseUrl, $"events/{e.Id}", "profile"),
            },
            ["metric"] = new JsonObject
            {
                ["data"] = new JsonObject { ["type"] = "metric", ["id"] = e.MetricId },
                ["links"] = RelLinks(baseUrl, $"events/{e.Id}", "metric"),
            },
        },
        ["links"] = new JsonObject { ["self"] = $"{baseUrl}/api/events/{e.Id}/" },
    };

    public static JsonObject Errors(int status, string code, string title, string detail, string? pointer = null, string? parameter = null)
    {
        var source = new JsonObject();
        if (pointer is not null) source["pointer"] = pointer;
        if (parameter is not null) source["parameter"] = parameter;
        return new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["status"] = status,
                ["code"] = code,
                ["title"] = title,
                ["detail"] = detail,
                ["source"] = source,
            }),
        };
    }
}
