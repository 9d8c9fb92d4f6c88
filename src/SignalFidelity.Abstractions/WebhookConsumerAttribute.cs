using System;

namespace SignalFidelity
{
    /// <summary>
    /// Declares the single consumer of a Shopify webhook topic for one destination (rule SF0004).
    /// The class must be partial: the generator completes it from the topology.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class WebhookConsumerAttribute : Attribute
    {
        /// <summary>Declares a consumer of a Shopify webhook topic.</summary>
        /// <param name="topic">The Shopify topic, for example <c>orders/create</c>.</param>
        public WebhookConsumerAttribute(string topic) => Topic = topic;

        /// <summary>The Shopify webhook topic this class consumes.</summary>
        public string Topic { get; }

        /// <summary>The destination system this consumer writes to.</summary>
        public SyncSystem Writes { get; set; } = SyncSystem.Klaviyo;
    }
}
