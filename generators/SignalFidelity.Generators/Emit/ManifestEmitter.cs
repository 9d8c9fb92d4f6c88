using System.Collections.Immutable;
using System.Linq;
using SignalFidelity.Generators.Model;

namespace SignalFidelity.Generators.Emit
{
    /// <summary>
    /// Emits SignalFidelity.Generated.GeneratedTopologyManifest: the whole topology as static data, the
    /// one source the lock file, the topology document, CODEOWNERS, the audit and the worker read.
    /// Orderings are fixed here (entities by name, consumers by topic then destination, vendors by system)
    /// so the lock file diff shows only real changes.
    /// </summary>
    internal static class ManifestEmitter
    {
        public const string HintName = "GeneratedTopologyManifest.g.cs";

        private const string Runtime = "global::SignalFidelity.Runtime.";

        public static string Emit(ManifestInput input)
        {
            var w = new SourceWriter().Header();
            w.Open("namespace SignalFidelity.Generated");
            w.Line("/// <summary>The compiled topology: entities, fields, owners, flows, tolerances, consumers, owner and backup, vendor versions, external writers.</summary>");
            w.Line(Literals.GeneratedCode);
            w.Open("public static partial class GeneratedTopologyManifest");
            w.Line("/// <summary>The topology declared in this assembly.</summary>");
            w.Line($"public static {Runtime}TopologyManifest Instance {{ get; }} = Create();");
            w.Line();
            w.Open($"private static {Runtime}TopologyManifest Create()");
            w.Line($"return new {Runtime}TopologyManifest(");
            w.Line("    " + OwnerExpression(input.Owner) + ",");
            w.Line($"    new {Runtime}VendorApiInfo[]");
            w.Line("    {");
            foreach (VendorApiModel pin in input.VendorApis.OrderBy(v => v.SystemOrder).ThenBy(v => v.Version, System.StringComparer.Ordinal))
            {
                w.Line($"        new {Runtime}VendorApiInfo({Literals.SyncSystem(pin.System)}, {Literals.String(pin.Version)}),");
            }

            w.Line("    },");
            w.Line($"    new {Runtime}EntityInfo[]");
            w.Line("    {");
            foreach (EntityModel entity in input.Entities.OrderBy(e => e.Name, System.StringComparer.Ordinal).ThenBy(e => e.FullyQualifiedTypeName, System.StringComparer.Ordinal))
            {
                WriteEntity(w, entity);
            }

            w.Line("    },");
            w.Line($"    new {Runtime}ConsumerInfo[]");
            w.Line("    {");
            foreach (ConsumerModel consumer in input.Consumers.OrderBy(c => c.Topic, System.StringComparer.Ordinal).ThenBy(c => c.WritesOrder).ThenBy(c => c.MetadataName, System.StringComparer.Ordinal))
            {
                w.Line($"        new {Runtime}ConsumerInfo({Literals.String(consumer.Topic)}, {Literals.SyncSystem(consumer.Writes)}, {Literals.String(consumer.MetadataName)}),");
            }

            w.Line("    },");
            w.Line($"    new {Runtime}ExternalWriterInfo[]");
            w.Line("    {");
            foreach (ExternalWriterModel writer in input.ExternalWriters.OrderBy(x => x.SystemOrder).ThenBy(x => x.Name, System.StringComparer.Ordinal))
            {
                string properties = "new string[] { " + string.Join(", ", writer.Properties.Select(Literals.String)) + " }";
                w.Line($"        new {Runtime}ExternalWriterInfo({Literals.String(writer.Name)}, {Literals.SyncSystem(writer.System)}, {properties}),");
            }

            w.Line("    });");
            w.Close();
            w.Close();
            w.Close();
            return w.ToString();
        }

        private static string SourceExpression(WebhookSourceModel source) =>
            source.ResolveThrough is { } lookup
                ? $"new {Runtime}WebhookSourceInfo({Literals.String(source.Topic)}, {Literals.String(source.Path)}, {Literals.String(lookup)})"
                : $"new {Runtime}WebhookSourceInfo({Literals.String(source.Topic)}, {Literals.String(source.Path)})";

        private static string OwnerExpression(OwnerModel? owner) =>
            owner is { } o
                ? $"new {Runtime}TopologyOwnerInfo({Literals.String(o.Name)}, {Literals.String(o.Email)}, {Literals.String(o.GitHub)}, {Literals.String(o.Backup)}, {Literals.String(o.BackupEmail)}, {Literals.String(o.BackupGitHub)})"
                : "null";

        private static void WriteEntity(SourceWriter w, EntityModel entity)
        {
            string typeName = entity.FullyQualifiedTypeName.StartsWith("global::", System.StringComparison.Ordinal)
                ? entity.FullyQualifiedTypeName.Substring("global::".Length)
                : entity.FullyQualifiedTypeName;
            w.Line($"        new {Runtime}EntityInfo({Literals.String(entity.Name)}, {Literals.String(typeName)}, {Literals.IdentityRule(entity.Identity)}, new {Runtime}FieldInfo[]");
            w.Line("        {");
            foreach (FieldModel field in entity.Fields)
            {
                string flows = field.Flows.Count == 0
                    ? $"global::System.Array.Empty<{Runtime}FlowInfo>()"
                    : $"new {Runtime}FlowInfo[] {{ " + string.Join(", ", field.Flows.Select(f => $"new {Runtime}FlowInfo({Literals.SyncSystem(f.Destination)}, {Literals.String(f.Property)})")) + " }";
                string tolerance = field.Tolerance is { } t
                    ? $"new {Runtime}ToleranceInfo({Literals.Double(t.Hours)}, {Literals.Int(t.Count)}, {Literals.Double(t.Amount)})"
                    : "null";
                string sources = field.Sources.Count == 0
                    ? $"global::System.Array.Empty<{Runtime}WebhookSourceInfo>()"
                    : $"new {Runtime}WebhookSourceInfo[] {{ " + string.Join(", ", field.Sources.Select(SourceExpression)) + " }";
                string kind = EntityRuntimeEmitter.IsReadable(field) ? RecordBuilderWriter.ManifestKind(field.Kind) : Runtime + "FieldValueKind.Unsupported";
                w.Line($"            new {Runtime}FieldInfo({Literals.String(field.Name)}, {Literals.String(field.DisplayType)}, {Literals.SyncSystem(field.Owner)}, {Literals.String(field.OwnerProperty)}, {Literals.String(field.Why)}, {flows}, {Literals.Bool(field.IsFidelityField)}, {tolerance}, {kind}, {sources}, {Literals.String(field.Summary)}),");
            }

            w.Line("        }),");
        }
    }

    /// <summary>Everything the manifest holds, collected from the per-declaration pipelines.</summary>
    internal readonly record struct ManifestInput(
        OwnerModel? Owner,
        EquatableArray<VendorApiModel> VendorApis,
        EquatableArray<EntityModel> Entities,
        EquatableArray<ConsumerModel> Consumers,
        EquatableArray<ExternalWriterModel> ExternalWriters);
}
