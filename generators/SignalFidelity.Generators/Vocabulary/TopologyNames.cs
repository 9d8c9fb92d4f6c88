using System;
using Microsoft.CodeAnalysis;

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
        /// <summary>The named argument of <c>[FromWebhook]</c> that names an Admin API lookup.</summary>
        public const string ResolveThrough = "ResolveThrough";

        public static readonly StringComparer DestinationPropertyComparer = StringComparer.OrdinalIgnoreCase;

        public static string Topic(string? topic) => SignalFidelity.Runtime.ShopifyTopics.Normalize(topic);

        public static string DestinationProperty(string? property) => (property ?? string.Empty).Trim();

        public static string WebhookPath(string? path) => (path ?? string.Empty).Trim();

        /// <summary>
        /// The <c>ResolveThrough</c> of a <c>[FromWebhook]</c> as written: absent (null, the path holds the value), or
        /// the text given. False when it is given but is no known lookup, or is not yet a string (half-typed): the
        /// generator then skips the source, and the analyzer (SF0007) says why.
        /// </summary>
        public static bool Lookup(AttributeData attribute, out string? lookup)
        {
            lookup = null;
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key != ResolveThrough)
                {
                    continue;
                }

                if (argument.Value.Kind == TypedConstantKind.Array)
                {
                    return false;
                }

                if (argument.Value.IsNull)
                {
                    return true; // ResolveThrough = null: the same as leaving it out
                }

                if (argument.Value.Value is not string text || SignalFidelity.Runtime.ShopifyLookups.Find(text) is not { } known)
                {
                    lookup = argument.Value.Value as string;
                    return false;
                }

                lookup = known.Name;
                return true;
            }

            return true;
        }
    }
}
