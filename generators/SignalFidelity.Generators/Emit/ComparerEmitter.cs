using System.Collections.Generic;
using System.Linq;
using SignalFidelity.Generators.Model;

namespace SignalFidelity.Generators.Emit
{
    /// <summary>
    /// Emits an entity's fidelity comparer: one bit per [FidelityField], set when the destination's value
    /// is outside the field's tolerance. Straight-line code per field, no allocation per comparison.
    /// </summary>
    internal static class ComparerEmitter
    {
        public static string ComparerName(EntityModel entity) => entity.TypeName + "FidelityComparer";

        public static string HintName(EntityModel entity) => entity.TypeName + ".FidelityComparer.g.cs";

        public static IReadOnlyList<FieldModel> FidelityFields(EntityModel entity) =>
            entity.Fields.Where(f => f.IsFidelityField).ToList();

        public static string Emit(EntityModel entity)
        {
            string name = ComparerName(entity);
            string entityType = entity.FullyQualifiedTypeName;
            IReadOnlyList<FieldModel> fields = FidelityFields(entity);

            var w = new SourceWriter().Header();
            bool inNamespace = w.OpenNamespace(entity.Namespace);

            w.Line("/// <summary>");
            w.Line($"/// Compares the {entity.Name} fidelity fields of the owner's snapshot and a destination's snapshot,");
            w.Line("/// each within its declared drift tolerance.");
            w.Line("/// </summary>");
            w.Line(Literals.GeneratedCode);
            w.Open($"{entity.Accessibility} sealed partial class {name} : global::SignalFidelity.Runtime.IFidelityComparer<{entityType}>");
            w.Open("private static readonly string[] Names = new string[]");
            foreach (FieldModel field in fields)
            {
                w.Line(Literals.String(field.Name) + ",");
            }

            w.Close(";");
            w.Line();
            w.Line($"private {name}()");
            w.Line("{");
            w.Line("}");
            w.Line();
            w.Line("/// <summary>The one instance; the comparer holds no state.</summary>");
            w.Line($"public static {name} Instance {{ get; }} = new {name}();");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("public global::System.Collections.Generic.IReadOnlyList<string> FieldNames => Names;");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open($"public global::SignalFidelity.Runtime.FidelityComparison Compare({entityType} expected, {entityType} actual)");
            w.Open("if (expected is null)");
            w.Line("throw new global::System.ArgumentNullException(nameof(expected));");
            w.Close();
            w.Line();
            w.Open("if (actual is null)");
            w.Line("throw new global::System.ArgumentNullException(nameof(actual));");
            w.Close();
            w.Line();
            // Fields 0-63 in one inline word; beyond that an array allocated only when such a field drifts.
            int highWords = (fields.Count - 1) / 64;
            w.Line("ulong drifted = 0UL;");
            if (highWords > 0)
            {
                w.Line("ulong[]? driftedHigh = null;");
            }

            for (int i = 0; i < fields.Count; i++)
            {
                FieldModel field = fields[i];
                w.Open($"if (!{MatchExpression(field)})");
                w.Line(i < 64
                    ? $"drifted |= 1UL << {Literals.Int(i)};"
                    : $"(driftedHigh ??= new ulong[{Literals.Int(highWords)}])[{Literals.Int((i / 64) - 1)}] |= 1UL << {Literals.Int(i % 64)};");
                w.Close();
                w.Line();
            }

            w.Line(highWords > 0
                ? "return new global::SignalFidelity.Runtime.FidelityComparison(new global::SignalFidelity.Runtime.FieldSet(drifted, driftedHigh));"
                : "return new global::SignalFidelity.Runtime.FidelityComparison(new global::SignalFidelity.Runtime.FieldSet(drifted));");
            w.Close();
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open($"public string? Format({entityType} record, int fieldIndex)");
            w.Open("if (record is null)");
            w.Line("throw new global::System.ArgumentNullException(nameof(record));");
            w.Close();
            w.Line();
            w.Open("switch (fieldIndex)");
            for (int i = 0; i < fields.Count; i++)
            {
                w.Line($"case {Literals.Int(i)}: return {FormatExpression(fields[i])};");
            }

            w.Line("default: throw new global::System.ArgumentOutOfRangeException(nameof(fieldIndex), fieldIndex, \"No fidelity field has this index.\");");
            w.Close();
            w.Close();
            w.Close();

            if (inNamespace)
            {
                w.Close();
            }

            return w.ToString();
        }

        private static string MatchExpression(FieldModel field)
        {
            const string Tolerance = "global::SignalFidelity.Runtime.FidelityTolerance.";
            string left = "expected." + field.Name, right = "actual." + field.Name;
            ToleranceModel tolerance = field.Tolerance ?? default;
            switch (field.Kind)
            {
                case ValueKind.String:
                    return $"{Tolerance}TextMatches({left}, {right})";
                case ValueKind.DateTimeOffset:
                case ValueKind.DateTime:
                    return $"{Tolerance}WithinHours({left}, {right}, {Literals.Double(tolerance.Hours)})";
                case ValueKind.Integer:
                    return $"{Tolerance}WithinCount({left}, {right}, {Literals.Int(tolerance.Count)})";
                case ValueKind.Decimal:
                    return $"{Tolerance}WithinAmount({left}, {right}, {Literals.Decimal(tolerance.Amount)})";
                case ValueKind.Floating:
                    return $"{Tolerance}WithinAmount({left}, {right}, {Literals.Double(tolerance.Amount)})";
                default:
                    return $"global::System.Collections.Generic.EqualityComparer<{field.FullyQualifiedType}>.Default.Equals({left}, {right})";
            }
        }

        private static string FormatExpression(FieldModel field)
        {
            const string Format = "global::SignalFidelity.Runtime.FidelityFormat.";
            string value = "record." + field.Name;
            switch (field.Kind)
            {
                case ValueKind.String:
                    return $"{Format}Text({value})";
                case ValueKind.DateTimeOffset:
                case ValueKind.DateTime:
                    return $"{Format}Instant({value})";
                default:
                    return $"{Format}Value({value})";
            }
        }
    }
}
