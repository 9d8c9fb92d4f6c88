using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SignalFidelity.Sandbox.Shopify;

/// <summary>
/// Delivers webhooks as Shopify does: raw JSON body signed with HMAC-SHA256 (base64) under the app's
/// secret, the X-Shopify-* headers, duplicates, reordering, coalescing of rapid updates, a 5-second
/// answer deadline, and eight retries over four hours with the original payload. Delivery is best
/// effort: after the last retry the event is given up, as Shopify does (so apps must reconcile).
/// </summary>
public sealed class ShopifyWebhookDispatcher : IAsyncDisposable
{
    private readonly WebhookDeliveryOptions _options;
    private readonly ShopifySimulatorOptions _shopify;
    private readonly string _shopDomain;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<WebhookAttempt> _attempts = new();
    private readonly Dictionary<(string Topic, string Resource), PendingEvent> _coalescing = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _inFlight = [];
    private long _given;
    private long _delivered;

    private sealed class PendingEvent(string topic, JsonObject payload, string eventId, DateTimeOffset triggeredAt)
    {
        public string Topic { get; } = topic;
        public JsonObject Payload { get; set; } = payload;
        public string EventId { get; set; } = eventId;
        public DateTimeOffset TriggeredAt { get; set; } = triggeredAt;
    }

    private readonly ShopifyWebhookSubscriptions _subscriptions;

    public ShopifyWebhookDispatcher(
        WebhookDeliveryOptions options, ShopifySimulatorOptions shopify, string shopDomain, TimeProvider clock, int seed, ShopifyWebhookSubscriptions? subscriptions = null)
    {
        _subscriptions = subscriptions ?? new ShopifyWebhookSubscriptions();
        _options = options;
        _shopify = shopify;
        _shopDomain = shopDomain;
        _clock = clock;
        _random = new Random(seed);
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    public WebhookDeliveryOptions Options => _options;
    public IReadOnlyCollection<WebhookAttempt> Attempts => _attempts.ToArray();
    public long DeliveredEvents => Interlocked.Read(ref _delivered);
    public long GivenUpEvents => Interlocked.Read(ref _given);

    /// <summary>The signature Shopify puts in X-Shopify-Hmac-Sha256: base64 of HMAC-SHA256 over the raw body.</summary>
    public static string Sign(byte[] body, string secret) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Raises an event on <paramref name="topic"/>; <paramref name="resourceId"/> groups events for coalescing.</summary>
    public void Publish(string topic, JsonObject payload, string? resourceId = null)
    {
        var eventId = Guid.NewGuid().ToString();
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (resourceId is not null && _coalescing.TryGetValue((topic, resourceId), out var pending))
            {
                // A newer change to the same resource replaces the one not yet sent: one delivery carries the latest state.
                pending.Payload = payload;
                pending.EventId = eventId;
                pending.TriggeredAt = now;
                return;
            }
            var evt = new PendingEvent(topic, payload, eventId, now);
            if (resourceId is not null) _coalescing[(topic, resourceId)] = evt;
            _inFlight.RemoveAll(t => t.IsCompleted);
            _inFlight.Add(Task.Run(() => DeliverAsync(evt, resourceId, _stopping.Token)));
        }
    }

    private double Roll()
    {
        lock (_gate) return _random.NextDouble();
    }

    private async Task DeliverAsync(PendingEvent evt, string? resourceId, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(_options.CoalesceWindow + _options.ReorderWindow * Roll(), _clock, stopping);
            lock (_gate)
            {
                if (resourceId is not null) _coalescing.Remove((evt.Topic, resourceId));
            }
            var copies = Roll() < _options.DuplicateRate ? 2 : 1;
            var sends = Enumerable.Range(0, copies).Select(async copy =>
            {
                if (copy > 0) await Task.Delay(_options.ReorderWindow * Roll(), _clock, stopping);
                await DeliverWithRetriesAsync(evt, stopping);
            });
            await Task.WhenAll(sends);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverWithRetriesAsync(PendingEvent evt, CancellationToken stopping)
    {
        var body = Encoding.UTF8.GetBytes(evt.Payload.ToJsonString());
        var webhookId = Guid.NewGuid().ToString();
        for (var attempt = 1; attempt <= _options.RetrySchedule.Length + 1; attempt++)
        {
            // Resolved per attempt: a subscription deleted between retries stops the delivery, as on Shopify.
            var target = _subscriptions.Managed ? _subscriptions.TargetsOf(evt.Topic).FirstOrDefault() : _options.TargetUrl;
            if (target is null)
            {
                Record(evt, webhookId, attempt, null, _subscriptions.Managed ? "no subscription for the topic: not delivered" : "no target configured");
                return;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Shopify-Topic", evt.Topic);
            request.Headers.Add("X-Shopify-Hmac-Sha256", Sign(body, _shopify.WebhookSecret));
            request.Headers.Add("X-Shopify-Shop-Domain", _shopDomain);
            request.Headers.Add("X-Shopify-API-Version", ShopifySimulatorOptions.ApiVersion);
            request.Headers.Add("X-Shopify-Webhook-Id", webhookId);
            request.Headers.Add("X-Shopify-Triggered-At", evt.TriggeredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            request.Headers.Add("X-Shopify-Event-Id", evt.EventId);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            deadline.CancelAfter(_options.ResponseTimeout);
            try
            {
                using var response = await _http.SendAsync(request, deadline.Token);
                Record(evt, webhookId, attempt, (int)response.StatusCode, null);
                if (response.IsSuccessStatusCode) { Interlocked.Increment(ref _delivered); return; }
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !stopping.IsCancellationRequested))
            {
                Record(evt, webhookId, attempt, null, e is OperationCanceledException ? "timed out after 5 s" : e.Message);
            }
            if (attempt <= _options.RetrySchedule.Length)
                await Task.Delay(_options.RetrySchedule[attempt - 1], _clock, stopping);
        }
        Interlocked.Increment(ref _given);
    }

    private void Record(PendingEvent evt, string webhookId, int attempt, int? status, string? error) =>
        _attempts.Enqueue(new WebhookAttempt(evt.Topic, webhookId, evt.EventId, attempt, status, error, _clock.GetUtcNow()));

    /// <summary>Waits until every event raised so far was delivered or given up (or the timeout passes).</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        Task[] pending;
        lock (_gate) pending = _inFlight.ToArray();
        await Task.WhenAll(pending).WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] pending;
        lock (_gate) pending = _inFlight.ToArray();
        try { await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception) { /* stopping: late deliveries are abandoned on purpose */ }
        _http.Dispose();
        _stopping.Dispose();
    }
}
