using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// <c>POST /webhooks/shopify</c>: size cap (413), required headers (400 naming the missing one),
/// HMAC in constant time (401, nothing stored), then the delivery and everything it implies are
/// committed in one transaction before the 200. Anything authentic is acknowledged, because Shopify
/// retries a non-2xx for four hours: duplicates are acknowledged unprocessed, unknown topics are
/// recorded unrouted, unreadable bodies are dead-lettered.
/// </summary>
public sealed partial class ShopifyWebhookIntake(
    IWorkerStore store,
    GroupCommitter committer,
    DeliveryInterpreter interpreter,
    ComplianceHandler compliance,
    ShopifyHmac hmac,
    int maxBodyBytes,
    TimeProvider clock,
    ILogger<ShopifyWebhookIntake> logger)
{
    /// <summary>The headers every Shopify delivery carries, in the order they are checked.</summary>
    public static readonly string[] RequiredHeaders =
    [
        "X-Shopify-Hmac-Sha256",
        "X-Shopify-Topic",
        "X-Shopify-Shop-Domain",
        "X-Shopify-Event-Id",
        "X-Shopify-Webhook-Id",
        "X-Shopify-Triggered-At",
    ];

    /// <summary>Handles one delivery.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"body of {request.ContentLength} bytes is over the {maxBodyBytes}-byte limit");
        }

        foreach (var header in RequiredHeaders)
        {
            if (string.IsNullOrWhiteSpace(request.Headers[header]))
            {
                return Error(StatusCodes.Status400BadRequest, $"missing header {header}");
            }
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"body is over the {maxBodyBytes}-byte limit");
        }

        if (!hmac.IsAuthentic(body, request.Headers["X-Shopify-Hmac-Sha256"]))
        {
            LogForged(logger, request.Headers["X-Shopify-Shop-Domain"].ToString());
            return Error(StatusCodes.Status401Unauthorized, "X-Shopify-Hmac-Sha256 does not match the body");
        }

        if (!DateTimeOffset.TryParse(request.Headers["X-Shopify-Triggered-At"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var triggeredAt))
        {
            return Error(StatusCodes.Status400BadRequest, "header X-Shopify-Triggered-At is not an ISO 8601 time");
        }

        var topic = request.Headers["X-Shopify-Topic"].ToString();
        var delivery = new DeliveryRecord(
            request.Headers["X-Shopify-Event-Id"].ToString(),
            request.Headers["X-Shopify-Webhook-Id"].ToString(),
            topic,
            request.Headers["X-Shopify-Shop-Domain"].ToString(),
            triggeredAt,
            clock.GetUtcNow(),
            body,
            DeliveryDisposition.Accepted);

        if (ComplianceHandler.Handles(topic))
        {
            return await HandleComplianceAsync(delivery, cancellationToken);
        }

        var interpretation = interpreter.Interpret(topic, body, triggeredAt);
        delivery = delivery with { Disposition = interpretation.Disposition, CustomerKey = interpretation.CustomerKey, Reason = interpretation.Reason };
        var result = await committer.StoreAsync(delivery, interpretation.Writes, cancellationToken);
        return Acknowledge(result.Duplicate ? "duplicate" : interpretation.Disposition switch
        {
            DeliveryDisposition.Unrouted => "unrouted",
            DeliveryDisposition.Unparseable => "dead-lettered",
            _ => "stored",
        });
    }

    private async Task<IResult> HandleComplianceAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        // Carried out before the delivery is recorded: if the worker dies in between, Shopify's retry
        // is not yet a duplicate and the request runs again (every compliance action is idempotent).
        try
        {
            await compliance.HandleAsync(delivery.Topic, delivery.Body, cancellationToken);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            var unreadable = delivery with { Disposition = DeliveryDisposition.Unparseable, Reason = $"{delivery.Topic} body unreadable: {exception.Message}" };
            var stored = await store.RecordDeliveryAsync(unreadable, [], cancellationToken: cancellationToken);
            return Acknowledge(stored.Duplicate ? "duplicate" : "dead-lettered");
        }

        var result = await store.RecordDeliveryAsync(delivery with { Disposition = DeliveryDisposition.Compliance, Body = [] }, [], cancellationToken: cancellationToken);
        return Acknowledge(result.Duplicate ? "duplicate" : "compliance-handled");
    }

    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
            {
                return null; // a chunked body that never declared its length is cut off at the cap
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult Acknowledge(string status) => Results.Json(new IntakeAnswer(status, null), IntakeJson.Default.IntakeAnswer);

    private static IResult Error(int statusCode, string message) =>
        Results.Json(new IntakeAnswer("refused", message), IntakeJson.Default.IntakeAnswer, statusCode: statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook with a bad HMAC claiming shop {Shop}")]
    private static partial void LogForged(ILogger logger, string shop);
}

/// <summary>The small JSON answer intake gives.</summary>
public sealed record IntakeAnswer(string Status, string? Error);

[System.Text.Json.Serialization.JsonSerializable(typeof(IntakeAnswer))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class IntakeJson : System.Text.Json.Serialization.JsonSerializerContext;
