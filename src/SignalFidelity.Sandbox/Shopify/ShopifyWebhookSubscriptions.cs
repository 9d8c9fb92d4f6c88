namespace SignalFidelity.Sandbox.Shopify;

/// <summary>
/// The app's webhook subscriptions on the simulated shop. Until the first one is created the sandbox delivers
/// every topic to <see cref="WebhookDeliveryOptions.TargetUrl"/> (the simple set-up tests and the demo use);
/// from then on, as on Shopify, a topic is delivered only to the URIs subscribed to it, and a deleted
/// subscription means its events are not delivered at all.
/// </summary>
public sealed class ShopifyWebhookSubscriptions
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];
    private long _nextId = 1_000;

    /// <summary>One subscription: the GraphQL topic enum (<c>CUSTOMERS_UPDATE</c>) and where it delivers.</summary>
    public sealed record Subscription(string Gid, string Topic, Uri Uri);

    /// <summary>True once any subscription was created: deliveries then follow the subscriptions only.</summary>
    public bool Managed { get; private set; }

    public IReadOnlyList<Subscription> All
    {
        get
        {
            lock (_gate) return [.. _subscriptions];
        }
    }

    public Subscription Create(string topic, Uri uri)
    {
        lock (_gate)
        {
            Managed = true;
            var subscription = new Subscription($"gid://shopify/WebhookSubscription/{++_nextId}", topic, uri);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Removes the subscription, as Shopify does after repeated failed deliveries or an app's own delete.</summary>
    public bool Delete(string gid)
    {
        lock (_gate) return _subscriptions.RemoveAll(s => s.Gid == gid) > 0;
    }

    /// <summary>Where an event of <paramref name="restTopic"/> (<c>customers/update</c>) goes, when subscriptions are managed.</summary>
    public IReadOnlyList<Uri> TargetsOf(string restTopic)
    {
        var topic = EnumOf(restTopic);
        lock (_gate) return [.. _subscriptions.Where(s => s.Topic == topic).Select(s => s.Uri).Distinct()];
    }

    /// <summary>"customers/update" as Shopify's GraphQL enum writes it.</summary>
    public static string EnumOf(string restTopic) => restTopic.Trim().ToUpperInvariant().Replace('/', '_').Replace('.', '_');
}
