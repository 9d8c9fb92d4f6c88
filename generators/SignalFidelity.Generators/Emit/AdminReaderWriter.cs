using System.Collections.Generic;
using System.Linq;
using System.Text;
using SignalFidelity.Generators.Model;

namespace SignalFidelity.Generators.Emit
{
    /// <summary>
    /// Writes, into <c>&lt;Entity&gt;Topology</c>, what reconciliation and backfill need to read the Shopify-owned
    /// fields from GraphQL Admin: <c>AdminSelection</c>, the selection set built from every field's
    /// <c>OwnedBy(SyncSystem.Shopify, Property = "...")</c> (dotted paths become nested selections), and
    /// <c>ReadAdmin</c>, which reads those paths from one node of the answer. The connector appends the selection
    /// to its own query, so a field added to the topology is selected and read with no hand-written code.
    /// </summary>
    internal static class AdminReaderWriter
    {
        private const string Runtime = "global::SignalFidelity.Runtime.";
        private const string Json = "global::System.Text.Json.JsonElement";

        /// <summary>The Shopify-owned, settable fields that name a GraphQL Admin field, in declaration order.</summary>
        public static List<FieldModel> AdminFields(EntityModel entity) => entity.Fields
            .Where(f => f.Owner == "Shopify" && EntityRuntimeEmitter.IsReadable(f) && !string.IsNullOrWhiteSpace(f.OwnerProperty))
            .ToList();

        public static void Write(SourceWriter w, EntityModel entity, string type)
        {
            List<FieldModel> fields = AdminFields(entity);
            string label = "GraphQL Admin " + entity.TypeName;
            w.Line($"/// <summary>The GraphQL Admin fields the Shopify-owned fields are read from, as a selection set (the topology's <c>OwnedBy(SyncSystem.Shopify, Property = ...)</c>).</summary>");
            w.Line($"public const string AdminSelection = {Literals.String(Selection(fields.Select(f => f.OwnerProperty!.Trim())))};");
            w.Line("private static readonly string[] AdminCarried = new string[] { " + string.Join(", ", fields.Select(f => Literals.String(f.Name))) + " };");
            for (int i = 0; i < fields.Count; i++)
            {
                w.Line($"private static readonly string[] AdminPath{i} = new string[] {{ " + string.Join(", ", Steps(fields[i].OwnerProperty!).Select(Literals.String)) + " };");
            }

            w.Line();
            w.Line($"/// <summary>The Shopify-owned fields of one {entity.TypeName} node selected with <see cref=\"AdminSelection\"/>; a null value (no last order) is the type's default.</summary>");
            w.Line("/// <exception cref=\"global::System.FormatException\">A value cannot be converted to its property's type; the message names the Admin field and the value.</exception>");
            w.Line($"public static {Runtime}WebhookRead<{type}> ReadAdmin({Json} node) => new {Runtime}WebhookRead<{type}>(new {type}");
            w.Line("{");
            for (int i = 0; i < fields.Count; i++)
            {
                var source = new WebhookSourceModel(label, fields[i].OwnerProperty!.Trim());
                w.Line($"    {fields[i].Name} = {EntityRuntimeEmitter.ReadExpression(fields[i], "node", "AdminPath" + i, source, required: false)},");
            }

            w.Line("}, AdminCarried);");
        }

        private static string[] Steps(string dotted) => dotted.Trim().Split('.').Select(s => s.Trim()).ToArray();

        /// <summary>
        /// Dotted paths as one GraphQL selection set: <c>a.b</c> and <c>a.c</c> become <c>a { b c }</c>. A name that is
        /// both a leaf and a parent keeps only its children: an object field cannot be selected without them.
        /// </summary>
        public static string Selection(IEnumerable<string> paths)
        {
            var root = new Node();
            foreach (string path in paths)
            {
                Node at = root;
                foreach (string step in Steps(path))
                {
                    if (!at.Children.TryGetValue(step, out Node? next))
                    {
                        at.Children[step] = next = new Node();
                    }

                    at = next;
                }
            }

            var text = new StringBuilder();
            root.Write(text);
            return text.ToString();
        }

        private sealed class Node
        {
            public SortedDictionary<string, Node> Children { get; } = new SortedDictionary<string, Node>(System.StringComparer.Ordinal);

            public void Write(StringBuilder text)
            {
                foreach (var child in Children)
                {
                    if (text.Length > 0)
                    {
                        text.Append(' ');
                    }

                    text.Append(child.Key);
                    if (child.Value.Children.Count > 0)
                    {
                        text.Append(" {");
                        child.Value.Write(text);
                        text.Append(" }");
                    }
                }
            }
        }
    }
}
