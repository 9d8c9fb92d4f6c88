using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// What a generated payload reader took from one webhook body: a snapshot holding the values the topic
    /// carries and the names of the fields it carries (the others keep their defaults and must not be written).
    /// </summary>
    /// <typeparam name="T">The entity record.</typeparam>
    public sealed class WebhookRead<T>
    {
        /// <summary>Creates the read.</summary>
        public WebhookRead(T snapshot, IReadOnlyList<string> carriedFields, IReadOnlyList<WebhookResolution>? resolutions = null)
        {
            Snapshot = snapshot;
            CarriedFields = carriedFields;
            Resolutions = resolutions ?? System.Array.Empty<WebhookResolution>();
        }

        /// <summary>The record with the carried values set.</summary>
        public T Snapshot { get; }

        /// <summary>The C# property names the topic's body carries, in declaration order.</summary>
        public IReadOnlyList<string> CarriedFields { get; }

        /// <summary>
        /// Fields the body names by reference only (<c>[FromWebhook(..., ResolveThrough = ...)]</c>): not in
        /// <see cref="CarriedFields"/> and not set in <see cref="Snapshot"/> until the reference is resolved.
        /// </summary>
        public IReadOnlyList<WebhookResolution> Resolutions { get; }
    }

    /// <summary>One field a webhook body names by reference: the lookup that turns the reference into its value.</summary>
    public sealed class WebhookResolution
    {
        /// <summary>Creates the resolution.</summary>
        public WebhookResolution(string field, string lookup, string? reference)
        {
            Field = field;
            Lookup = lookup;
            Reference = reference;
        }

        /// <summary>The C# property name.</summary>
        public string Field { get; }

        /// <summary>The <see cref="ShopifyLookups"/> name, for example <c>order.createdAt</c>.</summary>
        public string Lookup { get; }

        /// <summary>The reference as the body holds it (<c>gid://shopify/Order/1</c>), or null when the body holds none.</summary>
        public string? Reference { get; }
    }
}
