using System;
using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// What the webhook router decided for a topic: the consumers (at most one per destination), or
    /// explicitly unrouted. An unknown topic is a result, never an exception.
    /// </summary>
    public sealed class RouteResult
    {
        private RouteResult(string topic, IReadOnlyList<WebhookRoute> routes)
        {
            Topic = topic;
            Routes = routes;
        }

        /// <summary>The topic that was routed.</summary>
        public string Topic { get; }

        /// <summary>The consumers of the topic, one per destination, in destination order.</summary>
        public IReadOnlyList<WebhookRoute> Routes { get; }

        /// <summary>True when at least one consumer takes the topic.</summary>
        public bool IsRouted => Routes.Count > 0;

        /// <summary>A topic that has consumers.</summary>
        public static RouteResult Routed(string topic, params WebhookRoute[] routes) => new RouteResult(topic, routes);

        /// <summary>A topic that no consumer takes.</summary>
        public static RouteResult Unrouted(string topic) => new RouteResult(topic, Array.Empty<WebhookRoute>());
    }
}
