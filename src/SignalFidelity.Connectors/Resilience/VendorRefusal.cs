using System.Text.Json;
using System.Text.RegularExpressions;

namespace SignalFidelity.Connectors.Resilience;

/// <summary>
/// A vendor's refusal cut down to what may be written to a log: the HTTP status, the vendor's error
/// codes and the fields it pointed at. Vendors quote the refused value in their prose (Klaviyo's
/// <c>detail</c>: "Invalid email address: 'jane@...'", HubSpot's <c>message</c>: "Email address jane@... is
/// invalid"), so the prose is never kept here; the full body stays in the exception's reason and the
/// dead letter, which hold the payload anyway.
/// </summary>
/// <remarks>
/// Shapes read: Klaviyo JSON:API <c>{"errors":[{"id","status","code","title","detail","source":{"pointer"|"parameter"}}]}</c>
/// (the ClientError response of Klaviyo's OpenAPI in shared/reference/klaviyo); HubSpot
/// <c>{"status":"error","message","correlationId","category","subCategory"?,"errors"?:[{"message","code"?,"context"}],"context"?}</c>,
/// whose VALIDATION_ERROR message embeds <c>[{"isValid":false,"message":...,"error":"INVALID_EMAIL","name":"email"}]</c>
/// (seen in HubSpot API clients' fixtures, e.g. HubSpot/hubspot-api-nodejs#268 for MISSING_SCOPES and #432 for
/// INVALID_AUTHENTICATION). Only tokens that look like codes or field names are kept: a value with <c>@</c>, <c>+</c>,
/// spaces or quotes, or one with no letter (a phone number), is dropped even if a vendor put it where a code belongs.
/// </remarks>
public sealed partial class VendorRefusal
{
    // Private: every token passes the safe-token filter on its way in.
    private VendorRefusal(int? status, IReadOnlyList<string> codes, IReadOnlyList<string> fields) => (Status, Codes, Fields) = (status, codes, fields);

    /// <summary>The HTTP status, when the vendor answered.</summary>
    public int? Status { get; }

    /// <summary>The vendor's error codes, first given first.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>The fields, pointers or parameters the vendor named.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The first code the vendor gave (<c>not_authenticated</c>, <c>INVALID_AUTHENTICATION</c>), or null.</summary>
    public string? Code => Codes.Count > 0 ? Codes[0] : null;

    /// <summary>From a Klaviyo JSON:API error document; a body that is not one gives the status alone.</summary>
    public static VendorRefusal FromKlaviyo(int? status, string? body)
    {
        var codes = new List<string>();
        var fields = new List<string>();
        if (Parse(body) is { } root && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
            {
                Add(codes, Text(error, "code"));
                if (error.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object)
                {
                    Add(fields, Text(source, "pointer"));
                    Add(fields, Text(source, "parameter"));
                }
            }
        }

        return new VendorRefusal(status, codes, fields);
    }

    /// <summary>From a HubSpot error body (a whole-call error, or one entry of a batch's <c>errors</c>).</summary>
    public static VendorRefusal FromHubSpot(int? status, string? body)
    {
        var codes = new List<string>();
        var fields = new List<string>();
        if (Parse(body) is { } root)
        {
            ReadHubSpotError(root, codes, fields);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                {
                    ReadHubSpotError(error, codes, fields);
                }
            }
        }

        return new VendorRefusal(status, codes, fields);
    }

    /// <summary>From codes and fields already taken apart (a Klaviyo import error's code and pointer).</summary>
    public static VendorRefusal Of(int? status, string? code, string? field) => Of(status, [code], [field]);

    /// <summary>From codes and fields already taken apart (GraphQL error codes, user-error fields).</summary>
    public static VendorRefusal Of(int? status, IEnumerable<string?> codes, IEnumerable<string?> fields)
    {
        var safeCodes = new List<string>();
        var safeFields = new List<string>();
        foreach (var code in codes)
        {
            Add(safeCodes, code);
        }

        foreach (var field in fields)
        {
            Add(safeFields, field);
        }

        return new VendorRefusal(status, safeCodes, safeFields);
    }

    /// <summary>"HTTP 400 invalid at /data/attributes/email": safe to log, never a value.</summary>
    public string ToLogText()
    {
        var text = Status is { } status ? $"HTTP {status}" : "refused";
        if (Codes.Count > 0)
        {
            text += " " + string.Join("/", Codes);
        }

        if (Fields.Count > 0)
        {
            text += " at " + string.Join(", ", Fields);
        }

        return text;
    }

    /// <inheritdoc />
    public override string ToString() => ToLogText();

    private static void ReadHubSpotError(JsonElement error, List<string> codes, List<string> fields)
    {
        var context = new List<KeyValuePair<string, IEnumerable<string?>>>();
        if (error.TryGetProperty("context", out var entries) && entries.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in entries.EnumerateObject())
            {
                var values = entry.Value.ValueKind == JsonValueKind.Array ? entry.Value.EnumerateArray().ToList() : [entry.Value];
                context.Add(new(entry.Name, values.Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null)));
            }
        }

        AddHubSpotError(codes, fields, [Text(error, "category"), Text(error, "subCategory"), Text(error, "code")], Text(error, "message"), context);
    }

    /// <summary>From one entry of a HubSpot batch answer's <c>errors</c>, already deserialised.</summary>
    public static VendorRefusal FromHubSpotError(int? status, string? category, string? message, IEnumerable<KeyValuePair<string, List<string>>>? context)
    {
        var codes = new List<string>();
        var fields = new List<string>();
        AddHubSpotError(codes, fields, [category], message,
            (context ?? []).Select(c => new KeyValuePair<string, IEnumerable<string?>>(c.Key, c.Value)));
        return new VendorRefusal(status, codes, fields);
    }

    private static void AddHubSpotError(
        List<string> codes, List<string> fields, IEnumerable<string?> errorCodes, string? message, IEnumerable<KeyValuePair<string, IEnumerable<string?>>> context)
    {
        foreach (var code in errorCodes)
        {
            Add(codes, code);
        }

        // The context names the refused ids (emails, when contacts are keyed by email): only property names are kept.
        foreach (var (name, values) in context.Where(c => c.Key.Contains("propert", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var value in values)
            {
                Add(fields, value);
            }
        }

        // "Property values were not valid: [{...,"error":"INVALID_EMAIL","name":"email"}]": the codes and property
        // names inside the message are safe; the message's own words quote the value and are not.
        if (message is not null)
        {
            foreach (Match match in EmbeddedCode().Matches(message))
            {
                Add(codes, match.Groups[1].Value);
            }

            foreach (Match match in EmbeddedName().Matches(message))
            {
                Add(fields, match.Groups[1].Value);
            }
        }
    }

    private static JsonElement? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null; // an HTML error page from a proxy: the status says enough
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void Add(List<string> into, string? token)
    {
        if (token is not null && SafeToken().IsMatch(token) && token.Any(char.IsLetter) && !into.Contains(token, StringComparer.Ordinal))
        {
            into.Add(token);
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.:/\[\]\-]{1,100}$")]
    private static partial Regex SafeToken();

    [GeneratedRegex("\\\\?\"error\\\\?\"\\s*:\\s*\\\\?\"([A-Z][A-Z0-9_]{1,60})\\\\?\"")]
    private static partial Regex EmbeddedCode();

    [GeneratedRegex("\\\\?\"name\\\\?\"\\s*:\\s*\\\\?\"([A-Za-z0-9_.\\-]{1,100})\\\\?\"")]
    private static partial Regex EmbeddedName();
}
