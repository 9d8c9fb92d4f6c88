namespace SignalFidelity.Runtime
{
    /// <summary>One Shopify topic's consumer for one destination.</summary>
    public sealed class WebhookRoute
    {
        /// <summary>Creates a route.</summary>
        public WebhookRoute(string topic, SyncSystem destination, string consumer)
        {
            Topic = topic;
            Destination = destination;
            Consumer = consumer;
        }

        /// <summary>The Shopify topic, for example <c>orders/create</c>.</summary>
        public string Topic { get; }

        /// <summary>The destination the consumer writes.</summary>
        public SyncSystem Destination { get; }

        /// <summary>The consumer's type name.</summary>
        public string Consumer { get; }
    }
}
