using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SignalFidelity.Generators.Model;

namespace SignalFidelity.Generators.Emit
{
    /// <summary>
    /// Emits SignalFidelity.Generated.GeneratedWebhookRouter: a switch from Shopify topic to its single
    /// consumer per destination. Results are built once, so routing allocates nothing for known topics.
    /// </summary>
    internal static class RouterEmitter
    {
        public const string HintName = "GeneratedWebhookRouter.g.cs";

        public static string Emit(ImmutableArray<ConsumerModel> consumers)
        {
            // Two consumers for one topic and destination break SF0004; routing either would be a guess,
            // so that destination stays unrouted and the analyzer's error explains why.
            var topics = consumers
                .GroupBy(c => (c.Topic, c.WritesOrder))
                .Where(g => g.Count() == 1)
                .Select(g => g.Single())
                .GroupBy(c => c.Topic)
                .OrderBy(g => g.Key, System.StringComparer.Ordinal)
                .Select(g => (Topic: g.Key, Routes: g.OrderBy(c => c.WritesOrder).ToList()))
                .ToList();

            var w = new SourceWriter().Header();
            w.Open("namespace SignalFidelity.Generated");
            w.Line("/// <summary>Routes each Shopify webhook topic to its single consumer per destination, as the topology declares.</summary>");
            w.Line(Literals.GeneratedCode);
            w.Open("public static partial class GeneratedWebhookRouter");
            for (int i = 0; i < topics.Count; i++)
            {
                var (topic, routes) = topics[i];
                string routeList = string.Join(", ", routes.Select(c =>
                    $"new global::SignalFidelity.Runtime.WebhookRoute({Literals.String(topic)}, {Literals.SyncSystem(c.Writes)}, {Literals.String(c.MetadataName)})"));
                w.Line($"private static readonly global::SignalFidelity.Runtime.RouteResult Topic{Literals.Int(i)} = global::SignalFidelity.Runtime.RouteResult.Routed({Literals.String(topic)}, {routeList});");
            }

            if (topics.Count > 0)
            {
                w.Line();
            }

            w.Line("/// <summary>Every routed topic, in ordinal order.</summary>");
            w.Open("public static global::System.Collections.Generic.IReadOnlyList<string> Topics { get; } = new string[]");
            foreach (var (topic, _) in topics)
            {
                w.Line(Literals.String(topic) + ",");
            }

            w.Close(";");
            w.Line();
            w.Line("/// <summary>The consumers of <paramref name=\"topic\"/>, or an unrouted result for a topic no consumer takes.</summary>");
            w.Open("public static global::SignalFidelity.Runtime.RouteResult Route(string topic)");
            w.Open("switch (topic)");
            for (int i = 0; i < topics.Count; i++)
            {
                w.Line($"case {Literals.String(topics[i].Topic)}: return Topic{Literals.Int(i)};");
            }

            w.Line("default: return global::SignalFidelity.Runtime.RouteResult.Unrouted(topic ?? string.Empty);");
            w.Close();
            w.Close();
            w.Close();
            w.Close();
            return w.ToString();
        }
    }
}
