namespace SignalFidelity.Runtime
{
    /// <summary>Where a field is read from a Shopify webhook: a topic and a dotted path in its body, and how a reference there is resolved.</summary>
    public sealed class WebhookSourceInfo
    {
        /// <summary>Creates the source record.</summary>
        public WebhookSourceInfo(string topic, string path, string? resolveThrough = null)
        {
            Topic = topic;
            Path = path;
            ResolveThrough = resolveThrough;
        }

        /// <summary>The Shopify topic, for example <c>customers/update</c>.</summary>
        public string Topic { get; }

        /// <summary>The dotted JSON path in the body, for example <c>amountSpent.amount</c>.</summary>
        public string Path { get; }

        /// <summary>
        /// The <see cref="ShopifyLookups"/> read that turns the reference at <see cref="Path"/> into the value
        /// (<c>order.createdAt</c>), or null when the path holds the value itself.
        /// </summary>
        public string? ResolveThrough { get; }
    }
}
