using System;

namespace SignalFidelity.TopologyReading
{
    /// <summary>
    /// How names written in the topology are compared, the same way in the analyzer and the generator:
    /// topics as Shopify sends them, destination properties trimmed, vendor property names case-insensitively
    /// when two declarations could collide (Klaviyo and HubSpot both fold case in places; a near miss is
    /// treated as the same property rather than let through as two).
    /// </summary>
    internal static class TopologyNames
    {
        public static readonly StringComparer DestinationPropertyComparer = StringComparer.OrdinalIgnoreCase;

        public static string Topic(string? topic) => SignalFidelity.Runtime.ShopifyTopics.Normalize(topic);

        public static string DestinationProperty(string? property) => (property ?? string.Empty).Trim();

        public static string WebhookPath(string? path) => (path ?? string.Empty).Trim();
    }
}
