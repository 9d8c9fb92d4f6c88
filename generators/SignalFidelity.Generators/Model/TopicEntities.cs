namespace SignalFidelity.Generators.Model
{
    /// <summary>
    /// Which entity a Shopify webhook topic carries, from the one topic table
    /// (<c>SignalFidelity.Runtime.ShopifyTopics</c>, compiled into the generator from Abstractions).
    /// </summary>
    internal static class TopicEntities
    {
        public static string? EntityFor(string topic) => SignalFidelity.Runtime.ShopifyTopics.Find(topic)?.Entity;
    }
}
