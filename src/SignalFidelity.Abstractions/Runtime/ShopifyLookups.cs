using System;
using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// The one table of GraphQL Admin reads that turn a reference in a webhook body into a field's value
    /// (<c>[FromWebhook(..., ResolveThrough = "order.createdAt")]</c>). The analyzer accepts only these names, the
    /// generator reads the reference for them, the worker sends the query through the Shopify connector. Vendor facts
    /// only: an object found by its gid (<c>order(id: ID!)</c>, shopify.dev/docs/api/admin-graphql/latest/queries/order)
    /// and the scalar read from it.
    /// </summary>
#if SIGNALFIDELITY_COMPILER_COMPONENT
    internal static class ShopifyLookups
#else
    public static class ShopifyLookups
#endif
    {
        /// <summary>Every known lookup, in ordinal order of name.</summary>
        public static IReadOnlyList<ShopifyLookup> All { get; } = new[]
        {
            // Order.createdAt: DateTime! ("The date and time when the order was created in Shopify").
            new ShopifyLookup("order.createdAt", "order", "Order", "gid://shopify/Order/", "createdAt", ShopifyLookupValue.Timestamp),
        };

        /// <summary>The lookup named <paramref name="name"/> (trimmed, compared ordinally as GraphQL names are), or null.</summary>
        public static ShopifyLookup? Find(string? name)
        {
            string wanted = (name ?? string.Empty).Trim();
            foreach (ShopifyLookup lookup in All)
            {
                if (string.Equals(lookup.Name, wanted, StringComparison.Ordinal))
                {
                    return lookup;
                }
            }

            return null;
        }
    }

    /// <summary>What a lookup's scalar is, so the analyzer can match it to the property's type.</summary>
#if SIGNALFIDELITY_COMPILER_COMPONENT
    internal enum ShopifyLookupValue
#else
    public enum ShopifyLookupValue
#endif
    {
        /// <summary>An ISO 8601 <c>DateTime</c>: read into <c>DateTimeOffset</c> or <c>DateTime</c> properties.</summary>
        Timestamp,
    }

    /// <summary>One Admin API read by id: <c>query { &lt;RootField&gt;(id: $id) { &lt;ValueField&gt; } }</c>.</summary>
#if SIGNALFIDELITY_COMPILER_COMPONENT
    internal sealed class ShopifyLookup
#else
    public sealed class ShopifyLookup
#endif
    {
        /// <summary>Creates the lookup record.</summary>
        public ShopifyLookup(string name, string rootField, string typeName, string idPrefix, string valueField, ShopifyLookupValue value)
        {
            Name = name;
            RootField = rootField;
            TypeName = typeName;
            IdPrefix = idPrefix;
            ValueField = valueField;
            Value = value;
        }

        /// <summary>How the topology names it: <c>order.createdAt</c>.</summary>
        public string Name { get; }

        /// <summary>The query root field that takes <c>id: ID!</c>: <c>order</c>.</summary>
        public string RootField { get; }

        /// <summary>The GraphQL type it returns: <c>Order</c> (the operation is named <c>OrderById</c>).</summary>
        public string TypeName { get; }

        /// <summary>What a reference must start with: <c>gid://shopify/Order/</c>.</summary>
        public string IdPrefix { get; }

        /// <summary>The scalar read from the object: <c>createdAt</c>.</summary>
        public string ValueField { get; }

        /// <summary>What the scalar is.</summary>
        public ShopifyLookupValue Value { get; }
    }
}
