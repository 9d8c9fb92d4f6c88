namespace SignalFidelity.Generators.Model
{
    /// <summary>
    /// Which entity a Shopify webhook topic carries. Every topic the tool consumes today changes a
    /// customer (an order or refund changes the customer's roll-ups), so they all map to "customer".
    /// </summary>
    internal static class TopicEntities
    {
        public static string? EntityFor(string topic)
        {
            int slash = topic.IndexOf('/');
            string resource = slash < 0 ? topic : topic.Substring(0, slash);
            switch (resource)
            {
                case "customers":
                case "orders":
                case "refunds":
                case "checkouts":
                case "fulfillments":
                    return "customer";
                default:
                    return null;
            }
        }
    }
}
