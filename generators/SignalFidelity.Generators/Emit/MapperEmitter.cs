using System.Linq;
using SignalFidelity.Generators.Model;

namespace SignalFidelity.Generators.Emit
{
    /// <summary>
    /// Emits, for one entity and one (source, destination) pair, the patch type holding exactly the
    /// fields the source owns that flow to the destination, and the mapper that fills it. Plain member
    /// copies: no reflection, no dictionary, so it runs as fast as a hand-written mapping.
    /// </summary>
    internal static class MapperEmitter
    {
        public static string PatchName(EntityModel entity, string source, string destination) =>
            entity.TypeName + source + "To" + destination + "Patch";

        public static string MapperName(EntityModel entity, string source, string destination) =>
            entity.TypeName + source + "To" + destination + "Mapper";

        public static string HintName(EntityModel entity, MapperPair pair) =>
            entity.TypeName + "." + pair.Source + "To" + pair.Destination + ".g.cs";

        /// <summary>
        /// The patch's Source and Destination; implemented explicitly when a field has the same name (a
        /// customer's acquisition "Source" is a plausible field), so the field keeps its plain name.
        /// </summary>
        private static void WriteSystem(SourceWriter w, MapperPair pair, string member, string system)
        {
            w.Line("/// <inheritdoc/>");
            bool taken = pair.Fields.Any(f => f.Field.Name == member);
            w.Line(taken
                ? $"global::SignalFidelity.SyncSystem global::SignalFidelity.Runtime.IDestinationPatch.{member} => {Literals.SyncSystem(system)};"
                : $"public global::SignalFidelity.SyncSystem {member} => {Literals.SyncSystem(system)};");
        }

        public static string Emit(EntityModel entity, MapperPair pair)
        {
            string patch = PatchName(entity, pair.Source, pair.Destination);
            string mapper = MapperName(entity, pair.Source, pair.Destination);
            string patchQualified = Literals.Qualified(entity.Namespace, patch);

            var w = new SourceWriter().Header();
            bool inNamespace = w.OpenNamespace(entity.Namespace);

            w.Line("/// <summary>");
            w.Line($"/// The {entity.Name} values {pair.Source} owns that flow to {pair.Destination}. A field {pair.Source} does not own");
            w.Line("/// has no member here, so it cannot be written by mistake.");
            w.Line("/// </summary>");
            w.Line(Literals.GeneratedCode);
            w.Open($"{entity.Accessibility} sealed partial class {patch} : global::SignalFidelity.Runtime.IDestinationPatch");

            w.Line($"/// <summary>The {pair.Destination} property names this patch writes, in declaration order.</summary>");
            w.Open("public static global::System.Collections.Generic.IReadOnlyList<string> PropertyNames { get; } = new string[]");
            foreach (var (_, properties) in pair.Fields)
            {
                foreach (string property in properties)
                {
                    w.Line(Literals.String(property) + ",");
                }
            }

            w.Close(";");
            w.Line();
            WriteSystem(w, pair, "Source", pair.Source);
            w.Line();
            WriteSystem(w, pair, "Destination", pair.Destination);

            foreach (var (field, properties) in pair.Fields)
            {
                w.Line();
                w.Line($"/// <summary>{entity.TypeName}.{field.Name}, written to {pair.Destination} as {string.Join(", ", properties)}.</summary>");
                w.Line($"public {field.FullyQualifiedType} {field.Name} {{ get; init; }}");
            }

            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open("public global::System.Collections.Generic.IReadOnlyList<global::System.Collections.Generic.KeyValuePair<string, object?>> ToProperties()");
            w.Open("return new global::System.Collections.Generic.KeyValuePair<string, object?>[]");
            foreach (var (field, properties) in pair.Fields)
            {
                foreach (string property in properties)
                {
                    w.Line($"new global::System.Collections.Generic.KeyValuePair<string, object?>({Literals.String(property)}, {field.Name}),");
                }
            }

            w.Close(";");
            w.Close();
            w.Close();
            w.Line();

            w.Line($"/// <summary>Copies the {entity.Name} fields {pair.Source} owns into a {pair.Destination} patch.</summary>");
            w.Line(Literals.GeneratedCode);
            w.Open($"{entity.Accessibility} static partial class {mapper}");
            w.Line($"/// <summary>Maps a {pair.Source} snapshot to the {pair.Destination} patch.</summary>");
            w.Open($"public static {patchQualified} Map({entity.FullyQualifiedTypeName} entity)");
            w.Open("if (entity is null)");
            w.Line("throw new global::System.ArgumentNullException(nameof(entity));");
            w.Close();
            w.Line();
            w.Open($"return new {patchQualified}");
            foreach (var (field, _) in pair.Fields)
            {
                w.Line($"{field.Name} = entity.{field.Name},");
            }

            w.Close(";");
            w.Close();
            w.Close();

            if (inNamespace)
            {
                w.Close();
            }

            return w.ToString();
        }
    }
}
