using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SignalFidelity.Connectors.Tests;

/// <summary>
/// Klaviyo's OpenAPI (shared/reference/klaviyo) as JSON Schema 2020-12: OpenAPI 3.0's <c>nullable</c>
/// becomes a null type, <c>#/components/schemas</c> refs become <c>$defs</c> refs, and a request or
/// response schema is looked up by operation and status exactly as the spec lists it.
/// </summary>
public sealed class KlaviyoOpenApi
{
    private readonly JsonObject _spec;
    private readonly JsonObject _defs;

    private KlaviyoOpenApi(JsonObject spec)
    {
        _spec = spec;
        _defs = new JsonObject();
        foreach (var (name, schema) in (JsonObject)spec["components"]!["schemas"]!) _defs[name] = Convert(schema!.DeepClone());
    }

    public static KlaviyoOpenApi Profiles { get; } = Load("openapi-stable-profiles.json");
    public static KlaviyoOpenApi Events { get; } = Load("openapi-stable-events.json");

    public static string ReferenceDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "shared", "reference"))) dir = dir.Parent;
            return dir is null ? "/work/shared/reference" : Path.Combine(dir.FullName, "shared", "reference");
        }
    }

    private static KlaviyoOpenApi Load(string file) =>
        new((JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(ReferenceDirectory, "klaviyo", file)))!);

    public (int Burst, int Steady) RateLimit(string method, string path)
    {
        var limit = _spec["paths"]![path]![method.ToLowerInvariant()]!["x-klaviyo-ratelimit"]!;
        return (int.Parse(((string)limit["burst"]!).Split('/')[0]), int.Parse(((string)limit["steady"]!).Split('/')[0]));
    }

    /// <summary>The scopes a private key needs for the operation (its x-klaviyo-scopes).</summary>
    public IReadOnlyList<string> Scopes(string method, string path) =>
        ((JsonArray)_spec["paths"]![path]![method.ToLowerInvariant()]!["x-klaviyo-scopes"]!).Select(s => (string)s!).ToList();

    public IEnumerable<(string Method, string Path)> Operations() =>
        ((JsonObject)_spec["paths"]!).SelectMany(p => ((JsonObject)p.Value!).Where(m => m.Value is JsonObject o && o.ContainsKey("responses")).Select(m => (m.Key.ToUpperInvariant(), p.Key)));

    public JsonSchema RequestSchema(string method, string path)
    {
        var op = _spec["paths"]![path]![method.ToLowerInvariant()]!;
        return Build(op["requestBody"]!["content"]!["application/vnd.api+json"]!["schema"]!);
    }

    public JsonSchema ResponseSchema(string method, string path, int status)
    {
        var responses = _spec["paths"]![path]![method.ToLowerInvariant()]!["responses"]!;
        var response = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses[$"{status / 100}XX"]
            ?? throw new InvalidOperationException($"The spec lists no {status} answer for {method} {path}.");
        if (response["$ref"] is JsonValue r) response = _spec["components"]!["responses"]![((string)r!).Split('/')[^1]]!;
        return Build(response["content"]!["application/vnd.api+json"]!["schema"]!);
    }

    public static IReadOnlyList<string> Problems(JsonSchema schema, JsonNode instance)
    {
        using var doc = JsonDocument.Parse(instance.ToJsonString());
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")).Take(20).ToList();
    }

    private JsonSchema Build(JsonNode schema)
    {
        var root = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$defs"] = _defs.DeepClone() };
        foreach (var (k, v) in (JsonObject)Convert(schema.DeepClone())!) root[k] = v?.DeepClone();
        return JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://signalfidelity.test/klaviyo/{Guid.NewGuid():N}"));
    }

    /// <summary>Rewrites an OpenAPI 3.0 schema node into JSON Schema 2020-12.</summary>
    private static JsonNode? Convert(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = Convert(array[i]?.DeepClone());
                return array;
            case JsonObject o:
                foreach (var key in o.Select(kv => kv.Key).ToList())
                {
                    if (key is "example" or "examples" || key.StartsWith("x-", StringComparison.Ordinal)) { o.Remove(key); continue; }
                    if (key is "properties" or "patternProperties" && o[key] is JsonObject props)
                    {
                        foreach (var p in props.Select(kv => kv.Key).ToList()) props[p] = Convert(props[p]?.DeepClone());
                        continue;
                    }
                    if (key != "enum" && key != "required" && key != "default") o[key] = Convert(o[key]?.DeepClone());
                }
                if (o["$ref"] is JsonValue r && ((string)r!).StartsWith("#/components/schemas/", StringComparison.Ordinal))
                    o["$ref"] = "#/$defs/" + ((string)r!)["#/components/schemas/".Length..];
                if (o["nullable"] is JsonValue n && (bool)n)
                {
                    o.Remove("nullable");
                    if (o["type"] is JsonValue t) o["type"] = new JsonArray((string)t!, "null");
                    else
                    {
                        var inner = o.DeepClone();
                        foreach (var k in o.Select(kv => kv.Key).ToList()) o.Remove(k);
                        o["anyOf"] = new JsonArray(inner, new JsonObject { ["type"] = "null" });
                    }
                    if (o["enum"] is JsonArray e && !e.Any(x => x is null)) e.Add(null);
                }
                else o.Remove("nullable");
                return o;
            default:
                return node;
        }
    }
}
