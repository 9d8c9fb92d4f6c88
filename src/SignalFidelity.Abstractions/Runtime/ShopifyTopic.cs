namespace SignalFidelity.Runtime
{
    /// <summary>
    /// What a Shopify webhook topic is, as the vendor defines it: the entity it changes, where its body
    /// names the customer and the time its facts were true, and what it means in plain words. Vendor facts
    /// only; which fields a topic carries is declared in the topology with <c>[FromWebhook]</c>.
    /// </summary>
#if SIGNALFIDELITY_COMPILER_COMPONENT
    // Compiled into the analyzer and generator too; internal there so it never clashes with Abstractions.
    internal sealed class ShopifyTopic
#else
    public sealed class ShopifyTopic
#endif
    {
        /// <summary>Creates the topic record.</summary>
        public ShopifyTopic(string name, string entity, string? customerIdPath, string? sourceTimePath, string meaning, bool isCompliance = false)
        {
            Name = name;
            Entity = entity;
            CustomerIdPath = customerIdPath;
            SourceTimePath = sourceTimePath;
            Meaning = meaning;
            IsCompliance = isCompliance;
        }

        /// <summary>The topic, for example <c>orders/create</c>.</summary>
        public string Name { get; }

        /// <summary>The topology entity the topic changes (<c>customer</c>: an order or refund changes the customer's roll-ups).</summary>
        public string Entity { get; }

        /// <summary>Dotted path of the customer's id in the body, or null when the body names no customer (a refund names its order).</summary>
        public string? CustomerIdPath { get; }

        /// <summary>Dotted path of the time the body's facts were true, or null (then <c>X-Shopify-Triggered-At</c> is used).</summary>
        public string? SourceTimePath { get; }

        /// <summary>What happened, in words a non-developer reads ("An order is placed").</summary>
        public string Meaning { get; }

        /// <summary>True for the mandatory privacy topics, which the worker handles itself and no consumer takes.</summary>
        public bool IsCompliance { get; }
    }
}
