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
/// recorded unrouted, reports of something that did not happen (a failed merge) are recorded not applied,
/// unreadable bodies are dead-lettered.
/// </summary>
public sealed partial class ShopifyWebhookIntake(
    IWorkerStore store,
    GroupCommitter committer,
    DeliveryInterpreter interpreter,
    SourceTimeRules timeRules,
    ComplianceHandler compliance,
    ShopSecrets shops,
    int maxBodyBytes,
    TimeProvider clock,
    ILogger<ShopifyWebhookIntake> logger,
    Hosting.WorkerMetrics? metrics = null,
    ShopifyApiVersionWatch? apiVersions = null)
{
    /// <summary>The headers every Shopify delivery carries, in the order they are checked (classic form; <c>Shopify-*</c> is accepted too).</summary>
    public static readonly string[] RequiredHeaders = [.. ShopifyHeaders.Required.Select(ShopifyHeaders.Prefixed)];

    /// <summary>Handles one delivery.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IResult result;
        try
        {
            result = await HandleCoreAsync(request, cancellationToken);
        }
        catch (StoreBusyException)
        {
            // A fast 503 instead of a 30 s wait: Shopify retries it, and nothing was committed.
            LogStoreBusy(logger);
            request.HttpContext.Response.Headers.RetryAfter = "5";
            result = Error(StatusCodes.Status503ServiceUnavailable, "the store is busy; retry after 5 s");
        }

        Count(request, result);
        return result;
    }

    /// <summary>
    /// One count per answer. The topic tag is a known topic or "other": a refused request's header is the
    /// sender's to choose, and must not mint a new series each time.
    /// </summary>
    private void Count(HttpRequest request, IResult result)
    {
        if (metrics is null || result is not IValueHttpResult<IntakeAnswer> { Value: { } answer })
        {
            return;
        }

        var topic = SignalFidelity.Runtime.ShopifyTopics.Find(ShopifyHeaders.Get(request.Headers, ShopifyHeaders.Topic))?.Name ?? "other";
        var status = (result as IStatusCodeHttpResult)?.StatusCode;
        metrics.Delivery(topic, status == StatusCodes.Status503ServiceUnavailable ? "busy" : answer.Status);
    }

    private async Task<IResult> HandleCoreAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"body of {request.ContentLength} bytes is over the {maxBodyBytes}-byte limit");
        }

        foreach (var header in ShopifyHeaders.Required)
        {
            if (string.IsNullOrWhiteSpace(ShopifyHeaders.Get(request.Headers, header)))
            {
                return Error(StatusCodes.Status400BadRequest, $"missing header {ShopifyHeaders.Prefixed(header)} (or Shopify-{header})");
            }
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"body is over the {maxBodyBytes}-byte limit");
        }

        // Nothing is stored before both checks pass: a forged or foreign delivery leaves no trace but a log line.
        var shop = ShopifyHeaders.Get(request.Headers, ShopifyHeaders.ShopDomain);
        switch (shops.Verify(shop, body, ShopifyHeaders.Get(request.Headers, ShopifyHeaders.Hmac)))
        {
            case ShopVerdict.UnknownShop:
                LogForeignShop(logger, shop);
                return Error(StatusCodes.Status401Unauthorized, $"shop {shop} is not served here; configure SignalFidelity:Shopify:ShopDomain or SignalFidelity:Shops:{ShopSecrets.Normalize(shop)}");
            case ShopVerdict.BadSignature:
                LogForged(logger, shop);
                return Error(StatusCodes.Status401Unauthorized, "X-Shopify-Hmac-Sha256 does not match the body");
        }

        // An authentic delivery whose trigger time cannot be read is kept, never refused: a 400 would only make
        // Shopify send the same unreadable header again for hours. Its time is then the receive time.
        var triggeredText = ShopifyHeaders.Get(request.Headers, ShopifyHeaders.TriggeredAt);
        var receivedAt = clock.GetUtcNow();
        var triggerReadable = DateTimeOffset.TryParse(triggeredText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var triggeredAt);
        if (!triggerReadable)
        {
            triggeredAt = receivedAt;
        }

        var topic = ShopifyHeaders.Get(request.Headers, ShopifyHeaders.Topic);
        var delivery = new DeliveryRecord(
            ShopifyHeaders.Get(request.Headers, ShopifyHeaders.EventId),
            ShopifyHeaders.Get(request.Headers, ShopifyHeaders.WebhookId),
            topic,
            ShopSecrets.Normalize(shop),
            triggeredAt,
            receivedAt,
            body,
            DeliveryDisposition.Accepted);

        if (ComplianceHandler.Handles(topic))
        {
            // An erasure request is carried out whatever its header says: its time orders nothing.
            return await HandleComplianceAsync(delivery, cancellationToken);
        }

        if (!triggerReadable)
        {
            var reason = $"{topic}: header X-Shopify-Triggered-At '{Shorten(triggeredText)}' is not an ISO 8601 time, so the delivery cannot be ordered against others; replay it with `sigfid deadletters replay` once the time is known to be safe";
            var kept = await committer.StoreAsync(delivery with { Disposition = DeliveryDisposition.Unparseable, Reason = reason }, [], cancellationToken);
            return Acknowledge(kept.Duplicate ? "duplicate" : "dead-lettered");
        }

        if (timeRules.FreshnessProblem(triggeredAt, delivery.ReceivedAt) is { } stale)
        {
            var outside = await committer.StoreAsync(delivery with { Disposition = DeliveryDisposition.OutsideWindow, Reason = $"{topic}: {stale}" }, [], cancellationToken);
            return Acknowledge(outside.Duplicate ? "duplicate" : "dead-lettered");
        }

        var interpretation = await interpreter.InterpretAsync(topic, body, triggeredAt, delivery.ReceivedAt, delivery.ShopDomain, cancellationToken);
        delivery = delivery with { Disposition = interpretation.Disposition, CustomerKey = interpretation.CustomerKey, Reason = interpretation.Reason };
        var result = await committer.StoreAsync(delivery, interpretation.Changes, cancellationToken);
        if (!result.Duplicate && apiVersions is not null)
        {
            await apiVersions.ObserveAsync(delivery.ShopDomain, ShopifyHeaders.Get(request.Headers, ShopifyHeaders.ApiVersion), delivery.ReceivedAt, cancellationToken);
        }

        return Acknowledge(result.Duplicate ? "duplicate" : interpretation.Disposition switch
        {
            DeliveryDisposition.Unrouted => "unrouted",
            DeliveryDisposition.Unparseable => "dead-lettered",
            DeliveryDisposition.NotApplied => "not-applied",
            _ => "stored",
        });
    }

    private async Task<IResult> HandleComplianceAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        // The HMAC signs the body, not the shop header: where the body names its shop (every compliance payload
        // carries shop_domain), the two must agree, or an authentic body of another shop could erase this one's data.
        if (BodyShop(delivery.Body) is { } bodyShop && ShopSecrets.Normalize(bodyShop) != delivery.ShopDomain)
        {
            LogForeignShop(logger, bodyShop);
            return Error(StatusCodes.Status401Unauthorized, $"the body's shop_domain {bodyShop} is not the X-Shopify-Shop-Domain {delivery.ShopDomain}");
        }

        // Carried out before the delivery is recorded: if the worker dies in between, Shopify's retry
        // is not yet a duplicate and the request runs again (every compliance action is idempotent).
        try
        {
            await compliance.HandleAsync(delivery.ShopDomain, delivery.Topic, delivery.Body, cancellationToken);
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

    private static string Shorten(string text) => text.Length > 40 ? text[..37] + "..." : text;

    private static string? BodyShop(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("shop_domain", out var shop) && shop.ValueKind == JsonValueKind.String
                ? shop.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null; // an unreadable body is dead-lettered by the handler below
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503: the store's lock or statement wait ran out")]
    private static partial void LogStoreBusy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook from shop {Shop}, which this deployment does not serve")]
    private static partial void LogForeignShop(ILogger logger, string shop);
}

/// <summary>The small JSON answer intake gives.</summary>
public sealed record IntakeAnswer(string Status, string? Error);

[System.Text.Json.Serialization.JsonSerializable(typeof(IntakeAnswer))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class IntakeJson : System.Text.Json.Serialization.JsonSerializerContext;
