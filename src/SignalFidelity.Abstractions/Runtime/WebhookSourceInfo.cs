namespace SignalFidelity.Runtime
{
    /// <summary>Where a field is read from a Shopify webhook: a topic and a dotted path in its body.</summary>
    public sealed class WebhookSourceInfo
    {
        /// <summary>Creates the source record.</summary>
        public WebhookSourceInfo(string topic, string path)
        {
            Topic = topic;
            Path = path;
        }

        /// <summary>The Shopify topic, for example <c>customers/update</c>.</summary>
        public string Topic { get; }

        /// <summary>The dotted JSON path in the body, for example <c>amountSpent.amount</c>.</summary>
        public string Path { get; }
    }
}
