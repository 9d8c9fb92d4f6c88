using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// Turns the references a body names (<c>[FromWebhook(..., ResolveThrough = ...)]</c>: purchasing_summary's
/// <c>lastOrderId</c>) into values, with one GraphQL Admin read per referenced object through the Shopify connector
/// (paced by its cost bucket), cached per id: an order's <c>createdAt</c> never changes, so a retry, a duplicate or the
/// next summary naming the same order costs nothing, and deliveries arriving together for one order share one read. A read that fails (Shopify down or slow, the object gone or out of
/// the token's reach, no Admin API configured) leaves the field out of that delivery: the other fields are written, and
/// the field waits for reconciliation. Never a value made up from the delivery's own time. Each shop's references are read
/// through that shop's own Admin API (another shop's ids mean nothing to it) and cached under that shop.
/// </summary>
/// <param name="shopifyOf">
/// The Admin API client of a shop (given the delivery's verified shop domain, or null for the main shop), or null when
/// that shop has no Admin API configured.
/// </param>
public sealed partial class ReferenceResolver(Func<string?, ShopifyClient?> shopifyOf, ILogger<ReferenceResolver> logger, Hosting.WorkerMetrics? metrics = null) : IDisposable
{
    /// <summary>Objects kept: a busy shop's orders of several days (a few hundred bytes each).</summary>
    public const int CacheCapacity = 10_000;

    /// <summary>
    /// How long intake waits for one read: Shopify gives a delivery 5 s for its 200, and the read is worth less than the
    /// delivery (reconciliation brings the value anyway).
    /// </summary>
    public static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(2);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CacheCapacity });
    // Lazy: ConcurrentDictionary may run a GetOrAdd factory twice under a race; only the stored Lazy's read is sent.
    private readonly ConcurrentDictionary<string, Lazy<Task<(JsonElement? Node, string? Problem)>>> _inFlight = new(StringComparer.Ordinal);
    private long _reads;
    private int _toldNotConfigured;
    private long _cacheHits;
    private long _unresolved;

    /// <summary>GraphQL reads sent so far.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>References answered from the cache.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    /// <summary>Fields left out of their delivery because the reference could not be resolved (they wait for reconciliation).</summary>
    public long Unresolved => Interlocked.Read(ref _unresolved);

    /// <summary>
    /// <paramref name="facts"/> with every field it names by reference resolved and carried, or left out, read through
    /// <paramref name="shop"/>'s own Admin API.
    /// </summary>
    public async Task<CustomerFacts> ResolveAsync(string topic, CustomerFacts facts, string? shop, CancellationToken cancellationToken)
    {
        if (facts.Resolutions.Count == 0)
        {
            return facts;
        }

        var snapshot = facts.Snapshot;
        var carried = new List<string>(facts.CarriedFields);
        var shopify = shopifyOf(shop);
        foreach (var resolution in facts.Resolutions)
        {
            var (node, problem) = await ReadAsync(shopify, shop, resolution, cancellationToken);
            if (node is { } found)
            {
                try
                {
                    snapshot = CustomerTopology.WithResolved(snapshot, resolution.Field, found);
                    carried.Add(resolution.Field);
                    continue;
                }
                catch (FormatException exception)
                {
                    problem = exception.Message;
                }
            }

            Interlocked.Increment(ref _unresolved);
            metrics?.Resolution(resolution.Lookup, "unresolved");
            // Without an Admin API every such delivery is unresolved: said once, counted always.
            if (shopify is not null || Interlocked.Exchange(ref _toldNotConfigured, 1) == 0)
            {
                LogUnresolved(logger, topic, resolution.Field, resolution.Lookup, problem ?? "no value");
            }
        }

        return facts with { Snapshot = snapshot, CarriedFields = carried, Resolutions = [] };
    }

    private async Task<(JsonElement? Node, string? Problem)> ReadAsync(ShopifyClient? shopify, string? shop, WebhookResolution resolution, CancellationToken cancellationToken)
    {
        if (ShopifyLookups.Find(resolution.Lookup) is not { } lookup)
        {
            return (null, $"no lookup '{resolution.Lookup}' in ShopifyLookups");
        }

        if (resolution.Reference is not { } reference || !reference.StartsWith(lookup.IdPrefix, StringComparison.Ordinal))
        {
            return (null, $"the body names no {lookup.TypeName} ('{resolution.Reference}' is not a {lookup.IdPrefix} id)");
        }

        var key = KeyOf(shop, lookup, reference);
        if (_cache.TryGetValue(key, out JsonElement cached))
        {
            Interlocked.Increment(ref _cacheHits);
            metrics?.Resolution(lookup.Name, "cached");
            return (cached, null);
        }

        if (shopify is null)
        {
            return (null, shop is null
                ? "no Shopify Admin API is configured (SignalFidelity:Shopify:AdminBaseUrl)"
                : $"no Shopify Admin API is configured for {shop} ({Hosting.ShopOptions.SectionOf(shop)}:Shopify:AdminBaseUrl; the main shop's falls back to SignalFidelity:Shopify:AdminBaseUrl)");
        }

        // A duplicate or a retry arriving while the read is under way waits for that read instead of sending its own.
        var read = _inFlight.GetOrAdd(key, _ => new Lazy<Task<(JsonElement? Node, string? Problem)>>(() => SendAsync(shopify, key, lookup, reference)));
        try
        {
            return await read.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            if (read.Value.IsCompleted)
            {
                _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<(JsonElement? Node, string? Problem)>>>(key, read));
            }
        }
    }

    /// <summary>The one read for <paramref name="key"/>, bounded by <see cref="ReadBudget"/> alone (several deliveries may wait on it).</summary>
    private async Task<(JsonElement? Node, string? Problem)> SendAsync(ShopifyClient client, string key, ShopifyLookup lookup, string reference)
    {
        using var budget = new CancellationTokenSource(ReadBudget);
        JsonElement? node;
        try
        {
            Interlocked.Increment(ref _reads);
            node = await client.GetObjectFieldAsync(lookup.RootField, lookup.TypeName, lookup.ValueField, reference, budget.Token);
        }
        catch (ConnectorException exception)
        {
            return (null, exception.Message);
        }
        catch (OperationCanceledException)
        {
            return (null, $"Shopify did not answer within {ReadBudget.TotalSeconds:0.#} s");
        }

        if (node is not { } found || !found.TryGetProperty(lookup.ValueField, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (null, $"Shopify has no {lookup.TypeName} {reference} (deleted, or older than the token may read without read_all_orders)");
        }

        metrics?.Resolution(lookup.Name, "read");
        _cache.Set(key, found, new MemoryCacheEntryOptions { Size = 1 });
        return (found, null);
    }

    // The same order id in two shops is two orders.
    private static string KeyOf(string? shop, ShopifyLookup lookup, string reference) => $"{ShopSecrets.Normalize(shop)} {lookup.Name} {reference}";

    public void Dispose() => _cache.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Topic}: {Field} not written from this delivery ({Lookup}: {Problem}); it waits for reconciliation")]
    private static partial void LogUnresolved(ILogger logger, string topic, string field, string lookup, string problem);
}
