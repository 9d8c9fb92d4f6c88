using System.Globalization;
using System.Text.Json;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline.Destinations;

/// <summary>Turns the JSON values a write carries back into the CLR values the connectors send.</summary>
internal static class PatchValues
{
    public static object? ToClr(string json)
    {
        using var document = JsonDocument.Parse(json);
        var element = document.RootElement;
        return element.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.Number when element.TryGetInt64(out var whole) => whole,
            JsonValueKind.Number => element.GetDecimal(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // Timestamps travel as ISO 8601 strings; the connectors format them the way each vendor stores dates.
            JsonValueKind.String when element.GetString() is { Length: >= 19 } text && text[10] == 'T'
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
            JsonValueKind.String => element.GetString(),
            _ => element.GetRawText(),
        };
    }

    /// <summary>
    /// The value as the text a string-typed vendor (HubSpot) stores: strings as they are (timestamps keep their
    /// ISO 8601 form, which HubSpot's datetime properties accept), numbers in invariant form, booleans as
    /// <c>true</c>/<c>false</c>, and null as the empty string, which is how HubSpot clears a property.
    /// </summary>
    public static string ToVendorText(string json)
    {
        using var document = JsonDocument.Parse(json);
        var element = document.RootElement;
        return element.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
            JsonValueKind.String => element.GetString() ?? string.Empty,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => element.GetRawText(),
        };
    }

    public static string? Text(IReadOnlyList<FieldValue> fields, string property) =>
        fields.FirstOrDefault(f => f.Property == property) is { } field ? ToClr(field.JsonValue) as string : null;
}
