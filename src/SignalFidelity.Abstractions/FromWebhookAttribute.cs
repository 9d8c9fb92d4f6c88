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
    }
}
