using SignalFidelity.Generators.Model;

namespace SignalFidelity.Generators.Emit
{
    /// <summary>
    /// Completes a [WebhookConsumer] partial class: its topic and destination as constants, the entity its
    /// topic carries, and a Map method bound to that entity's Shopify-to-destination mapper.
    /// </summary>
    internal static class ConsumerEmitter
    {
        public static string HintName(ConsumerModel consumer) => consumer.TypeName + ".WebhookConsumer.g.cs";

        public static string Emit(ConsumerModel consumer, EntitySummary? entity)
        {
            var w = new SourceWriter().Header();
            bool inNamespace = w.OpenNamespace(consumer.Namespace);
            w.Open((consumer.IsStatic ? "static " : string.Empty) + "partial class " + consumer.TypeName);
            w.Line("/// <summary>The Shopify webhook topic this consumer reads.</summary>");
            w.Line(Literals.GeneratedCode);
            w.Line($"public const string Topic = {Literals.String(consumer.Topic)};");
            w.Line();
            w.Line("/// <summary>The destination system this consumer writes.</summary>");
            w.Line(Literals.GeneratedCode);
            w.Line($"public const global::SignalFidelity.SyncSystem Destination = {Literals.SyncSystem(consumer.Writes)};");

            if (entity is { } carried)
            {
                w.Line();
                w.Line("/// <summary>The entity the topic carries.</summary>");
                w.Line(Literals.GeneratedCode);
                w.Line($"public const string Entity = {Literals.String(carried.Name)};");

                // Only when the entity has fields Shopify owns that flow to this destination: otherwise
                // there is nothing this consumer may write, and no mapper exists.
                if (System.Linq.Enumerable.Contains(carried.ShopifyDestinations, consumer.Writes))
                {
                    string patch = Literals.Qualified(carried.Namespace, carried.TypeName + "ShopifyTo" + consumer.Writes + "Patch");
                    string mapper = Literals.Qualified(carried.Namespace, carried.TypeName + "ShopifyTo" + consumer.Writes + "Mapper");
                    w.Line();
                    w.Line($"/// <summary>Maps the Shopify snapshot to the {consumer.Writes} patch with the generated mapper.</summary>");
                    w.Line(Literals.GeneratedCode);
                    w.Line($"public static {patch} Map({carried.FullyQualifiedTypeName} entity) => {mapper}.Map(entity);");
                }
            }

            w.Close();
            if (inNamespace)
            {
                w.Close();
            }

            return w.ToString();
        }
    }
}
