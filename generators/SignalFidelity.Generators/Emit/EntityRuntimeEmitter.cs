using System.Collections.Generic;
using System.Linq;
using SignalFidelity.Generators.Model;

namespace SignalFidelity.Generators.Emit
{
    /// <summary>
    /// Emits, per entity, everything the runtime needs that depends on its fields, so the worker, the audit
    /// and the CLI hold no list or switch over them: <c>&lt;Entity&gt;Topology</c> (field names, the mapper
    /// dispatch per (source, destination), one payload reader per Shopify topic from the <c>[FromWebhook]</c>
    /// declarations) and <c>&lt;Entity&gt;RecordBuilder</c> (set values by field index, build the record, copy one field).
    /// </summary>
    internal static class EntityRuntimeEmitter
    {
        private const string Runtime = "global::SignalFidelity.Runtime.";
        private const string Json = "global::System.Text.Json.JsonElement";

        public static string HintName(EntityModel entity) => entity.TypeName + ".Topology.g.cs";

        public static string TopologyName(EntityModel entity) => entity.TypeName + "Topology";

        public static string BuilderName(EntityModel entity) => entity.TypeName + "RecordBuilder";

        public static string Emit(EntityModel entity)
        {
            var w = new SourceWriter().Header();
            bool inNamespace = w.OpenNamespace(entity.Namespace);
            WriteTopology(w, entity);
            if (entity.CanBuild)
            {
                w.Line();
                RecordBuilderWriter.Write(w, entity, BuilderName(entity));
            }

            if (inNamespace)
            {
                w.Close();
            }

            return w.ToString();
        }

        /// <summary>Fields a generated reader or builder can set: settable, of a type read from text.</summary>
        public static bool IsReadable(FieldModel field) => field.IsSettable && field.Kind != ValueKind.Other;

        private static void WriteTopology(SourceWriter w, EntityModel entity)
        {
            string type = entity.FullyQualifiedTypeName;
            w.Line($"/// <summary>The {entity.Name} topology as code: field names, the mapper per (source, destination), the payload reader per Shopify topic.</summary>");
            w.Line(Literals.GeneratedCode);
            w.Open($"{entity.Accessibility} static partial class {TopologyName(entity)}");
            w.Line("/// <summary>The C# property names in declaration order: the field indices of the manifest and the record builder.</summary>");
            w.Line("public static global::System.Collections.Generic.IReadOnlyList<string> FieldNames { get; } = new string[]");
            w.Line("{");
            foreach (FieldModel field in entity.Fields)
            {
                w.Line($"    {Literals.String(field.Name)},");
            }

            w.Line("};");
            w.Line();
            WriteMapDispatch(w, entity, type);
            if (entity.CanBuild)
            {
                w.Line();
                WriteWebhookReaders(w, entity, type);
                w.Line();
                AdminReaderWriter.Write(w, entity, type);
                w.Line();
                w.Line("/// <summary>A builder that sets fields by index; reuse it row after row.</summary>");
                w.Line($"public static {Runtime}IRecordBuilder<{type}> CreateBuilder() => new {BuilderName(entity)}();");
            }

            w.Close();
        }

        private static void WriteMapDispatch(SourceWriter w, EntityModel entity, string type)
        {
            w.Line("/// <summary>The patch of the values <paramref name=\"source\"/> owns that flow to <paramref name=\"destination\"/>, through the generated mapper; null when the topology declares no such flow.</summary>");
            w.Open($"public static {Runtime}IDestinationPatch? Map(global::SignalFidelity.SyncSystem source, global::SignalFidelity.SyncSystem destination, {type} entity)");
            foreach (var bySource in MapperPair.From(entity).GroupBy(p => p.Source))
            {
                w.Open($"if (source == {Literals.SyncSystem(bySource.Key)})");
                foreach (MapperPair pair in bySource)
                {
                    string mapper = Literals.Qualified(entity.Namespace, MapperEmitter.MapperName(entity, pair.Source, pair.Destination));
                    w.Line($"if (destination == {Literals.SyncSystem(pair.Destination)}) return {mapper}.Map(entity);");
                }

                w.Close();
            }

            w.Line("return null;");
            w.Close();
        }

        private static void WriteWebhookReaders(SourceWriter w, EntityModel entity, string type)
        {
            // Only Shopify-owned fields are read from Shopify's webhooks: a CRM-owned field is the CRM's to say.
            var byTopic = entity.Fields
                .Where(f => f.Owner == "Shopify" && IsReadable(f))
                .SelectMany(f => f.Sources.Select(s => (Field: f, Source: s)))
                .GroupBy(x => x.Source.Topic)
                .OrderBy(g => g.Key, System.StringComparer.Ordinal)
                .ToList();

            w.Line("/// <summary>The Shopify topics at least one field is read from, in ordinal order.</summary>");
            w.Line("public static global::System.Collections.Generic.IReadOnlyList<string> WebhookTopics { get; } = new string[] { " + string.Join(", ", byTopic.Select(g => Literals.String(g.Key))) + " };");
            for (int t = 0; t < byTopic.Count; t++)
            {
                // A field the body names by reference is carried only once the worker has resolved it.
                w.Line($"private static readonly string[] Carried{t} = new string[] {{ " + string.Join(", ", byTopic[t].Where(x => x.Source.ResolveThrough is null).Select(x => x.Field.Name).Distinct().Select(Literals.String)) + " };");
                int p = 0;
                foreach (var item in byTopic[t])
                {
                    w.Line($"private static readonly string[] Path{t}_{p++} = new string[] {{ " + string.Join(", ", item.Source.Path.Split('.').Select(Literals.String)) + " };");
                }
            }

            w.Line();
            w.Line("/// <summary>The fields <paramref name=\"topic\"/>'s body carries, read at the paths the topology declares; null for a topic no field is read from.</summary>");
            w.Line("/// <exception cref=\"global::System.FormatException\">A value cannot be converted to its property's type; the message names the topic, the path and the value.</exception>");
            w.Open($"public static {Runtime}WebhookRead<{type}>? ReadWebhook(string topic, {Json} body)");
            w.Open("switch (topic)");
            for (int t = 0; t < byTopic.Count; t++)
            {
                w.Line($"case {Literals.String(byTopic[t].Key)}:");
                w.Line($"    return new {Runtime}WebhookRead<{type}>(new {type}");
                w.Line("    {");
                int p = 0;
                var assigned = new HashSet<string>();
                var references = new List<string>();
                foreach (var item in byTopic[t])
                {
                    string path = $"Path{t}_{p++}";
                    if (item.Source.ResolveThrough is { } lookup)
                    {
                        references.Add($"new {Runtime}WebhookResolution({Literals.String(item.Field.Name)}, {Literals.String(lookup)}, {WebhookValuesEmitter.TypeName}.String(body, {path}, {Literals.String(item.Source.Topic)}, {Literals.String(item.Source.Path)}))");
                    }
                    else if (assigned.Add(item.Field.Name))
                    {
                        // A field declared on one topic at two paths takes the first in ordinal order of path.
                        w.Line($"        {item.Field.Name} = {ReadExpression(item.Field, "body", path, item.Source, required: true)},");
                    }
                }

                w.Line(references.Count == 0
                    ? $"    }}, Carried{t});"
                    : $"    }}, Carried{t}, new {Runtime}WebhookResolution[] {{ {string.Join(", ", references)} }});");
            }

            w.Line("default:");
            w.Line("    return null;");
            w.Close();
            w.Close();
            WriteResolvedSetter(w, entity, type);
        }

        /// <summary>
        /// <c>WithResolved(snapshot, field, node)</c>: the field a webhook named by reference, set from the object the
        /// Admin API lookup returned (<c>order(id:) { createdAt }</c>), converted as the payload readers convert.
        /// </summary>
        private static void WriteResolvedSetter(SourceWriter w, EntityModel entity, string type)
        {
            var resolved = entity.Fields
                .Where(f => f.Owner == "Shopify" && IsReadable(f))
                .SelectMany(f => f.Sources.Where(s => s.ResolveThrough is not null).Select(s => (Field: f, Lookup: SignalFidelity.Runtime.ShopifyLookups.Find(s.ResolveThrough))))
                .Where(x => x.Lookup is not null)
                .GroupBy(x => x.Field.Name)
                .Select(g => g.First())
                .ToList();
            if (resolved.Count == 0)
            {
                return;
            }

            w.Line();
            for (int r = 0; r < resolved.Count; r++)
            {
                w.Line($"private static readonly string[] Resolved{r} = new string[] {{ {Literals.String(resolved[r].Lookup!.ValueField)} }};");
            }

            w.Line();
            w.Line("/// <summary><paramref name=\"snapshot\"/> with <paramref name=\"field\"/> set from <paramref name=\"node\"/>, the object its <c>ResolveThrough</c> lookup returned.</summary>");
            w.Line("/// <exception cref=\"global::System.FormatException\">The object's value cannot be converted to the property's type; the message names the lookup and the value.</exception>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"field\"/> is not resolved through a lookup.</exception>");
            w.Open($"public static {type} WithResolved({type} snapshot, string field, {Json} node)");
            w.Open("switch (field)");
            for (int r = 0; r < resolved.Count; r++)
            {
                var (field, lookup) = resolved[r];
                var source = new WebhookSourceModel(lookup!.Name, lookup.ValueField);
                w.Line($"case {Literals.String(field.Name)}:");
                w.Line($"    return snapshot with {{ {field.Name} = {ReadExpression(field, "node", $"Resolved{r}", source, required: true)} }};");
            }

            w.Line("default:");
            w.Line("    throw new global::System.ArgumentException(\"'\" + field + \"' is not resolved through an Admin API lookup\", nameof(field));");
            w.Close();
            w.Close();
        }

        /// <summary>
        /// The expression reading <paramref name="field"/> from <paramref name="root"/> at <paramref name="path"/>. A missing value of a
        /// non-nullable type is an error when <paramref name="required"/> (a webhook body that lacks it is malformed), its default otherwise.
        /// </summary>
        public static string ReadExpression(FieldModel field, string root, string path, WebhookSourceModel source, bool required)
        {
            string args = $"{root}, {path}, {Literals.String(source.Topic)}, {Literals.String(source.Path)}";
            string values = WebhookValuesEmitter.TypeName;
            string nullable;
            switch (field.Kind)
            {
                case ValueKind.String:
                    return $"{values}.String({args})" + (field.DisplayType.EndsWith("?", System.StringComparison.Ordinal) ? string.Empty : "!");
                case ValueKind.Boolean: nullable = $"{values}.NullableBoolean({args})"; break;
                case ValueKind.Integer: nullable = $"({field.UnderlyingType}?){values}.NullableInteger({args}, {field.UnderlyingType}.MinValue, {field.UnderlyingType}.MaxValue)"; break;
                case ValueKind.Decimal: nullable = $"{values}.NullableDecimal({args})"; break;
                case ValueKind.Floating: nullable = $"({field.UnderlyingType}?){values}.NullableFloating({args})"; break;
                case ValueKind.DateTime: nullable = $"{values}.NullableTimestamp({args})?.UtcDateTime"; break;
                default: nullable = $"{values}.NullableTimestamp({args})"; break;
            }

            if (field.IsNullableValueType) return nullable;
            return required ? $"{values}.Required({nullable}, {Literals.String(source.Topic)}, {Literals.String(source.Path)})" : $"({nullable} ?? default)";
        }
    }
}
