using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SignalFidelity.Sandbox.Http;

/// <summary>Writes JSON bodies with the vendor's media type; the simulators build bodies as JSON nodes.</summary>
internal static class JsonResults
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static async Task WriteAsync(HttpContext context, int status, JsonNode body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Compact));
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public static async Task<JsonNode?> ReadAsync(HttpContext context, int maxBytes)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > maxBytes) throw new BodyTooLargeException(buffer.Length, maxBytes);
        if (buffer.Length == 0) return null;
        try { return JsonNode.Parse(buffer.ToArray()); }
        catch (JsonException) { return null; }
    }

    public static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class BodyTooLargeException(long size, int max) : Exception($"The body is {size} bytes; the limit is {max}.")
{
    public long Size { get; } = size;
    public int Max { get; } = max;
}
