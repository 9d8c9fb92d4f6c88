using System;

namespace SignalFidelity
{
    /// <summary>
    /// Declares where a Shopify-owned field is read from a webhook: the topic's body, at a dotted path of
    /// JSON property names, under the pinned Shopify API version. Repeatable: a field carried by several
    /// topics names each. The worker reads the field from exactly the topics declared here; a topic the
    /// field is not declared on leaves the field untouched (a <c>customers/update</c> body says nothing
    /// about spend, so spend is never written as zero).
    /// </summary>
    /// <example><c>[FromWebhook("customers/purchasing_summary", "amountSpent.amount")]</c></example>
    /// <example>
    /// <c>[FromWebhook("customers/purchasing_summary", "lastOrderId", ResolveThrough = "order.createdAt")]</c>: the body names
    /// the last order by id only, so the worker reads the order's <c>createdAt</c> through the Admin API for the value.
    /// </example>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class FromWebhookAttribute : Attribute
    {
        /// <summary>Declares that the field is read from <paramref name="topic"/> at <paramref name="path"/>.</summary>
        /// <param name="topic">The Shopify webhook topic, for example <c>customers/update</c>.</param>
        /// <param name="path">Dotted JSON property names inside the body, for example <c>note</c>, <c>amountSpent.amount</c> or <c>customer.email</c>.</param>
        public FromWebhookAttribute(string topic, string path)
        {
            Topic = topic;
            Path = path;
        }

        /// <summary>The Shopify webhook topic.</summary>
        public string Topic { get; }

        /// <summary>The dotted JSON path inside the topic's body.</summary>
        public string Path { get; }

        /// <summary>
        /// When the body holds a reference rather than the value (an order's gid), the Admin API read that turns it
        /// into the value: <c>object.field</c>, one of the lookups of <c>SignalFidelity.Runtime.ShopifyLookups</c>
        /// (<c>order.createdAt</c>). The worker reads it once per referenced id (paced, cached); when the read fails the
        /// field is not written from that delivery and waits for reconciliation. Null: the path holds the value itself.
        /// </summary>
        public string? ResolveThrough { get; set; }
    }
}
