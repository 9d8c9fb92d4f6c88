using System.Collections.Generic;
using System.Linq;
using SignalFidelity.Generators.Model;

namespace SignalFidelity.Generators.Emit
{
    /// <summary>
    /// Writes <c>&lt;Entity&gt;RecordBuilder : IRecordBuilder&lt;Entity&gt;</c>: one backing field per readable
    /// property, typed setters by field index (the manifest's field order), <c>Build</c>, <c>Reset</c> and
    /// <c>CopyField</c>. A million export rows cost one record each, and no reader names a field.
    /// </summary>
    internal static class RecordBuilderWriter
    {
        private const string Runtime = "global::SignalFidelity.Runtime.";

        public static void Write(SourceWriter w, EntityModel entity, string builderName)
        {
            string type = entity.FullyQualifiedTypeName;
            var fields = entity.Fields.Select((f, i) => (Field: f, Index: i)).ToList();
            var readable = fields.Where(x => EntityRuntimeEmitter.IsReadable(x.Field)).ToList();

            w.Line($"/// <summary>Builds <see cref=\"{type.Replace("global::", string.Empty)}\"/> records from values set by field index; not thread-safe, reuse one per reader.</summary>");
            w.Line(Literals.GeneratedCode);
            w.Open($"{entity.Accessibility} sealed partial class {builderName} : {Runtime}IRecordBuilder<{type}>");
            // The values live in one struct, so a reader that keeps a million rows (the audit's CRM index) keeps
            // them inline with no object per row, and builds the record only for the rows it looks up.
            w.Line("/// <summary>The values of one record held inline (no object per row); <see cref=\"Unpack\"/> builds the record.</summary>");
            w.Open("public struct Packed");
            foreach (var (field, index) in readable)
            {
                w.Line($"internal {(field.Kind == ValueKind.String ? "string?" : field.FullyQualifiedType)} _f{index};");
            }

            w.Close();
            w.Line();
            w.Line("private Packed _p;");
            w.Line();
            w.Line("/// <summary>The values set since the last <see cref=\"Reset\"/>, packed.</summary>");
            w.Line("public Packed Pack() => _p;");
            w.Line();
            w.Line("/// <summary>The record holding <paramref name=\"values\"/>.</summary>");
            w.Open($"public static {type} Unpack(in Packed values)");
            w.Line($"return new {type}");
            w.Line("{");
            foreach (var (field, index) in readable)
            {
                w.Line($"    {field.Name} = values._f{index}{(field.Kind == ValueKind.String && !field.DisplayType.EndsWith("?", System.StringComparison.Ordinal) ? "!" : string.Empty)},");
            }

            w.Line("};");
            w.Close();
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open("public int IndexOf(string name)");
            w.Open("switch (name)");
            foreach (var (field, index) in fields)
            {
                w.Line($"case {Literals.String(field.Name)}: return {index};");
            }

            w.Line("default: return -1;");
            w.Close();
            w.Close();
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open($"public {Runtime}FieldValueKind KindOf(int field)");
            w.Open("switch (field)");
            foreach (var (field, index) in readable)
            {
                w.Line($"case {index}: return {Runtime}FieldValueKind.{KindName(field.Kind)};");
            }

            w.Line($"default: return {Runtime}FieldValueKind.Unsupported;");
            w.Close();
            w.Close();

            Setter(w, readable, "SetString", "string? value", ValueKind.String, _ => "_p._f{0} = value;");
            Setter(w, readable, "SetBoolean", "bool value", ValueKind.Boolean, _ => "_p._f{0} = value;");
            Setter(w, readable, "SetDecimal", "decimal value", ValueKind.Decimal, _ => "_p._f{0} = value;");
            Setter(w, readable, "SetFloating", "double value", ValueKind.Floating, f => $"_p._f{{0}} = ({f.UnderlyingType})value;");
            Setter(w, readable, "SetTimestamp", "global::System.DateTimeOffset value", null, f => f.Kind == ValueKind.DateTime ? "_p._f{0} = value.UtcDateTime;" : "_p._f{0} = value;");
            WriteIntegerSetter(w, readable);

            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line($"public {type} Build() => Unpack(_p);");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("public void Reset() => _p = default;");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open($"public string? GetString({type} record, int field)");
            w.Open("switch (field)");
            foreach (var (field, index) in readable.Where(x => x.Field.Kind == ValueKind.String))
            {
                w.Line($"case {index}: return record.{field.Name};");
            }

            w.Line("default: throw WrongKind(field, \"string\");");
            w.Close();
            w.Close();
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open($"public {type} CopyField({type} to, {type} from, int field)");
            w.Open("switch (field)");
            foreach (var (field, index) in readable)
            {
                w.Line($"case {index}: return to with {{ {field.Name} = from.{field.Name} }};");
            }

            w.Line("default: return to;");
            w.Close();
            w.Close();
            w.Line();
            w.Line("private static global::System.InvalidOperationException WrongKind(int field, string kind) =>");
            w.Line($"    new global::System.InvalidOperationException(\"field \" + field + \" of {entity.TypeName} is not \" + kind);");
            w.Close();
        }

        private static void Setter(SourceWriter w, List<(FieldModel Field, int Index)> readable, string name, string parameter, ValueKind? kind, System.Func<FieldModel, string> assign)
        {
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open($"public void {name}(int field, {parameter})");
            w.Open("switch (field)");
            foreach (var (field, index) in readable.Where(x => kind is { } k ? x.Field.Kind == k : x.Field.Kind is ValueKind.DateTime or ValueKind.DateTimeOffset))
            {
                w.Line($"case {index}: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, assign(field), index) + " return;");
            }

            w.Line($"default: throw WrongKind(field, {Literals.String(name.Substring(3).ToLowerInvariant())});");
            w.Close();
            w.Close();
        }

        private static void WriteIntegerSetter(SourceWriter w, List<(FieldModel Field, int Index)> readable)
        {
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open("public string? SetInteger(int field, long value)");
            w.Open("switch (field)");
            foreach (var (field, index) in readable.Where(x => x.Field.Kind == ValueKind.Integer))
            {
                string t = field.UnderlyingType;
                w.Line($"case {index}:");
                w.Line($"    if (value < {t}.MinValue || value > {t}.MaxValue) return value.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" does not fit {field.Name} ({field.DisplayType})\";");
                w.Line($"    _p._f{index} = ({t})value;");
                w.Line("    return null;");
            }

            w.Line("default: throw WrongKind(field, \"integer\");");
            w.Close();
            w.Close();
        }

        private static string KindName(ValueKind kind)
        {
            switch (kind)
            {
                case ValueKind.String: return "String";
                case ValueKind.Boolean: return "Boolean";
                case ValueKind.Integer: return "Integer";
                case ValueKind.Decimal: return "Decimal";
                case ValueKind.Floating: return "Floating";
                case ValueKind.DateTime:
                case ValueKind.DateTimeOffset: return "Timestamp";
                default: return "Unsupported";
            }
        }

        /// <summary>The manifest's name of a kind (shared with <see cref="ManifestEmitter"/>).</summary>
        public static string ManifestKind(ValueKind kind) => Runtime + "FieldValueKind." + KindName(kind);
    }
}
