using System.Globalization;
using SignalFidelity.Runtime;

namespace SignalFidelity.Core.Csv;

/// <summary>
/// Sets an entity field from text the way vendors write it (an export cell, a CRM property value): the
/// conversion follows the field's kind from the generated <see cref="IRecordBuilder{T}"/>, so this reader
/// knows no field. Money through <see cref="MoneyParser"/> (symbols, separators, the shop currency), counts
/// exported as <c>3.0</c> as whole numbers, timestamps through <see cref="TimestampParser"/>, short strings
/// shared through a <see cref="ValuePool"/>. Not thread-safe (the pool); one per reader.
/// </summary>
public sealed class CellValueReader(MoneyParser money)
{
    private readonly ValuePool _pool = new();

    /// <summary>Sets <paramref name="field"/> from <paramref name="cell"/>; an empty cell leaves the default (0 or null).</summary>
    /// <returns>Null on success, else the problem (the caller names the column and line).</returns>
    public string? TrySet<T>(IRecordBuilder<T> builder, int field, ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        if (cell.IsEmpty) return null;
        switch (builder.KindOf(field))
        {
            case FieldValueKind.String:
                builder.SetString(field, _pool.Get(cell));
                return null;
            case FieldValueKind.Decimal:
                var parsed = money.Parse(cell);
                if (!parsed.Ok) return parsed.Problem;
                builder.SetDecimal(field, parsed.Value);
                return null;
            case FieldValueKind.Integer:
                if (!long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
                {
                    // Some CRMs export counts as 3.0.
                    if (!decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) || d != decimal.Truncate(d) || d > long.MaxValue || d < long.MinValue)
                        return $"'{cell.ToString()}' is not a whole number";
                    whole = (long)d;
                }
                return builder.SetInteger(field, whole);
            case FieldValueKind.Floating:
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return $"'{cell.ToString()}' is not a number";
                builder.SetFloating(field, number);
                return null;
            case FieldValueKind.Timestamp:
                if (!TimestampParser.TryParse(cell, out var at, out var problem)) return problem;
                builder.SetTimestamp(field, at);
                return null;
            case FieldValueKind.Boolean:
                if (!bool.TryParse(cell, out var flag)) return $"'{cell.ToString()}' is not true or false";
                builder.SetBoolean(field, flag);
                return null;
            default:
                return "its C# type cannot be read from text; use string, bool, a whole number, decimal, double or DateTimeOffset";
        }
    }
}
