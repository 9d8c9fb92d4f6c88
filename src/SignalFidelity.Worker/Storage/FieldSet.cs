using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The fields of a pending write as one JSON column: each keeps its own source time, so that merging
/// a newer patch into a pending one, or an older failed write under a newer one, is decided field by
/// field and never lets an older value win.
/// </summary>
internal static class FieldSet
{
    /// <summary>
    /// Names the field that carries a value <paramref name="property"/> held before it was replaced. Each
    /// replaced value gets its own name, so merging pending writes keeps every value still to remove
    /// (A -> B -> C merged into one write removes both A and B).
    /// </summary>
    public static string SupersededPrefix(string property) => property + "@superseded:";

    /// <summary>The superseded field for a replaced value (the value is its JSON text).</summary>
    public static FieldValue Superseded(string property, string previousJson, DateTimeOffset sourceTimestamp) =>
        new(SupersededPrefix(property) + previousJson, previousJson, sourceTimestamp);

    /// <summary>The superseded fields of <paramref name="property"/> a write carries.</summary>
    public static IEnumerable<FieldValue> SupersededOf(IEnumerable<FieldValue> fields, string property) =>
        fields.Where(f => f.Property.StartsWith(SupersededPrefix(property), StringComparison.Ordinal));

    /// <summary>Serialises fields as <c>[{"p":..,"v":..,"t":ticks}]</c>.</summary>
    public static string Encode(IEnumerable<FieldValue> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var field in fields)
            {
                writer.WriteStartObject();
                writer.WriteString("p", field.Property);
                writer.WritePropertyName("v");
                writer.WriteRawValue(field.JsonValue, skipInputValidation: false);
                writer.WriteNumber("t", field.SourceTimestamp.UtcTicks);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads what <see cref="Encode"/> wrote.</summary>
    public static IReadOnlyList<FieldValue> Decode(string json)
    {
        using var document = JsonDocument.Parse(json);
        var fields = new List<FieldValue>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            fields.Add(new FieldValue(
                element.GetProperty("p").GetString()!,
                element.GetProperty("v").GetRawText(),
                new DateTimeOffset(element.GetProperty("t").GetInt64(), TimeSpan.Zero)));
        }

        return fields;
    }

    /// <summary>
    /// Merges two field sets: per property the value with the later source time wins; on a tie the
    /// <paramref name="newer"/> set wins (it was accepted later by the ledger).
    /// </summary>
    public static IReadOnlyList<FieldValue> Merge(IReadOnlyList<FieldValue> older, IReadOnlyList<FieldValue> newer)
    {
        var merged = new List<FieldValue>(older.Count + newer.Count);
        merged.AddRange(older);
        foreach (var field in newer)
        {
            var index = merged.FindIndex(f => f.Property == field.Property);
            if (index < 0)
            {
                merged.Add(field);
            }
            else if (field.SourceTimestamp >= merged[index].SourceTimestamp)
            {
                merged[index] = field;
            }
        }

        return merged;
    }
}
