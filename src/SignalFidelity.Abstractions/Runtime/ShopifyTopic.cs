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
        public ShopifyTopic(
            string name,
            string entity,
            string? customerIdPath,
            string? sourceTimePath,
            string meaning,
            bool isCompliance = false,
            ShopifyTagsBody? tags = null,
            ShopifyMergeBody? merge = null)
        {
            Name = name;
            Entity = entity;
            CustomerIdPath = customerIdPath;
            SourceTimePath = sourceTimePath;
            Meaning = meaning;
            IsCompliance = isCompliance;
            Tags = tags;
            Merge = merge;
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

        /// <summary>Where the body carries the customer's tags and what they say, or null when it carries none.</summary>
        public ShopifyTagsBody? Tags { get; }

        /// <summary>For a topic that reports two customers merged into one (the kept one is at <see cref="CustomerIdPath"/>), the rest of its shape.</summary>
        public ShopifyMergeBody? Merge { get; }
    }

    /// <summary>What the tags a body carries say about the customer's tag set.</summary>
#if SIGNALFIDELITY_COMPILER_COMPONENT
    internal enum ShopifyTagsChange
#else
    public enum ShopifyTagsChange
#endif
    {
        /// <summary>These tags were added (<c>customer.tags_added</c>): a delta.</summary>
        Added,

        /// <summary>These tags were removed (<c>customer.tags_removed</c>): a delta.</summary>
        Removed,

        /// <summary>These are all the customer's tags (customers/* bodies up to API 2024-10).</summary>
        FullSet,
    }

    /// <summary>Where a body carries tags: a JSON array of strings, or (older customers/* bodies) one comma-separated string.</summary>
#if SIGNALFIDELITY_COMPILER_COMPONENT
    internal sealed class ShopifyTagsBody
#else
    public sealed class ShopifyTagsBody
#endif
    {
        /// <summary>Creates the shape.</summary>
        public ShopifyTagsBody(string path, ShopifyTagsChange change)
        {
            Path = path;
            Change = change;
        }

        /// <summary>Dotted path of the tags in the body.</summary>
        public string Path { get; }

        /// <summary>Whether the tags are a delta or the whole set.</summary>
        public ShopifyTagsChange Change { get; }
    }

    /// <summary>The body of a merge report: who was merged away, and whether the merge happened.</summary>
#if SIGNALFIDELITY_COMPILER_COMPONENT
    internal sealed class ShopifyMergeBody
#else
    public sealed class ShopifyMergeBody
#endif
    {
        /// <summary>Creates the shape.</summary>
        public ShopifyMergeBody(string mergedAwayIdPath, string statusPath, string completedStatus)
        {
            MergedAwayIdPath = mergedAwayIdPath;
            StatusPath = statusPath;
            CompletedStatus = completedStatus;
        }

        /// <summary>Dotted path of the customer that no longer exists after the merge.</summary>
        public string MergedAwayIdPath { get; }

        /// <summary>Dotted path of the merge's status.</summary>
        public string StatusPath { get; }

        /// <summary>The one status (compared case-insensitively) that means the merge was carried out; any other is recorded and not applied.</summary>
        public string CompletedStatus { get; }
    }
}
