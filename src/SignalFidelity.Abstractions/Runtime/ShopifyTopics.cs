using System;
using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// The one table of Shopify webhook topics the tool knows (shapes per shared/reference/shopify-webhooks and
    /// the pinned schema snapshots). The generator compiles this file in, so the router, the payload readers,
    /// the worker's compliance handling and the topology document read the same rows.
    /// </summary>
#if SIGNALFIDELITY_COMPILER_COMPONENT
    // Compiled into the analyzer and generator too; internal there so it never clashes with Abstractions.
    internal static class ShopifyTopics
#else
    public static class ShopifyTopics
#endif
    {
        private const string Customer = "customer";

        // Deltas on the customer.tags_* topics (schemas 2025-01 onwards); the whole set, comma-separated, in
        // customers/create and customers/update bodies up to 2024-10 (API 2025-01 removed it from them).
        private static readonly ShopifyTagsBody TagsAdded = new ShopifyTagsBody("tags", ShopifyTagsChange.Added);
        private static readonly ShopifyTagsBody TagsRemoved = new ShopifyTagsBody("tags", ShopifyTagsChange.Removed);
        private static readonly ShopifyTagsBody AllTags = new ShopifyTagsBody("tags", ShopifyTagsChange.FullSet);

        // customers/merge (scope read_customer_merge): the status is CustomerMergeRequestStatus lower-cased
        // (COMPLETED, FAILED, IN_PROGRESS, REQUESTED; shopify.dev/docs/api/admin-graphql/latest/enums/CustomerMergeRequestStatus,
        // Shopify's sample body says "failed"). The schemas type it as a plain string, so only "completed" is applied.
        private static readonly ShopifyMergeBody MergeReport = new ShopifyMergeBody("admin_graphql_api_customer_deleted_id", "status", "completed");

        /// <summary>Every known topic, in ordinal order of name.</summary>
        public static IReadOnlyList<ShopifyTopic> All { get; } = new[]
        {
            new ShopifyTopic("checkouts/create", Customer, "customer.id", "updated_at", "A checkout starts"),
            new ShopifyTopic("customer.tags_added", Customer, "customerId", "occurredAt", "Tags are added to a customer", tags: TagsAdded),
            new ShopifyTopic("customer.tags_removed", Customer, "customerId", "occurredAt", "Tags are removed from a customer", tags: TagsRemoved),
            new ShopifyTopic("customers/create", Customer, "id", "updated_at", "A customer account is created", tags: AllTags),
            new ShopifyTopic("customers/data_request", Customer, "customer.id", null, "A customer asks for their data", isCompliance: true),
            new ShopifyTopic("customers/delete", Customer, "id", null, "A customer is deleted"),
            new ShopifyTopic("customers/merge", Customer, "admin_graphql_api_customer_kept_id", null, "Two customers are merged into one", merge: MergeReport),
            new ShopifyTopic("customers/purchasing_summary", Customer, "customerId", "occurredAt", "A customer's order totals change"),
            new ShopifyTopic("customers/redact", Customer, "customer.id", null, "A customer asks to be forgotten", isCompliance: true),
            new ShopifyTopic("customers/update", Customer, "id", "updated_at", "A customer's details change", tags: AllTags),
            new ShopifyTopic("customers_email_marketing_consent/update", Customer, "customer_id", "email_marketing_consent.consent_updated_at", "A customer's email consent changes"),
            new ShopifyTopic("customers_marketing_consent/update", Customer, "id", "sms_marketing_consent.consent_updated_at", "A customer's SMS consent changes"),
            // An order's own creation time orders its facts: a late delivery of an older order cannot move the last order date back.
            new ShopifyTopic("orders/cancelled", Customer, "customer.id", "cancelled_at", "An order is cancelled"),
            new ShopifyTopic("orders/create", Customer, "customer.id", "created_at", "An order is placed"),
            new ShopifyTopic("orders/fulfilled", Customer, "customer.id", "updated_at", "An order is fulfilled"),
            new ShopifyTopic("orders/paid", Customer, "customer.id", "updated_at", "An order is paid"),
            new ShopifyTopic("orders/updated", Customer, "customer.id", "updated_at", "An order changes"),
            new ShopifyTopic("refunds/create", Customer, null, "created_at", "A refund is issued"),
            new ShopifyTopic("shop/redact", Customer, null, null, "A shop uninstalled the app 48 hours ago and its data must go", isCompliance: true),
        };

        /// <summary>The topic named <paramref name="name"/> (compared as Shopify sends it: trimmed, lower-case), or null for a topic the tool does not know.</summary>
        public static ShopifyTopic? Find(string? name)
        {
            string normalized = Normalize(name);
            foreach (ShopifyTopic topic in All)
            {
                if (string.Equals(topic.Name, normalized, StringComparison.Ordinal))
                {
                    return topic;
                }
            }

            return null;
        }

        /// <summary>A topic as Shopify sends it in <c>X-Shopify-Topic</c>: trimmed, lower-case. Analyzer, generator and worker compare topics in this form.</summary>
        public static string Normalize(string? name) => (name ?? string.Empty).Trim().ToLowerInvariant();
    }
}
