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

    /// <summary>
    /// Starts the fields of a merge write that describe a customer merged away: <c>@merged-away|{key}</c> names the
    /// customer, <c>@merged-away|{key}|{property}</c> carries what the destination knew of them (their email, their
    /// phone), so the writer can find their record. Each merged-away customer keeps its own names, so merging pending
    /// writes keeps every record still to merge.
    /// </summary>
    public const string MergedAwayPrefix = "@merged-away|";

    /// <summary>The fields that name <paramref name="customerKey"/> as merged away, with what the destination knew of them.</summary>
    public static IEnumerable<FieldValue> MergedAway(string customerKey, IEnumerable<FieldValue> known, DateTimeOffset at)
    {
        yield return new FieldValue(MergedAwayPrefix + customerKey, JsonSerializer.Serialize(customerKey), at);
        foreach (var field in known.Where(IsValue))
        {
            yield return field with { Property = MergedAwayPrefix + customerKey + "|" + field.Property };
        }
    }

    /// <summary>The customers a merge write merges away, each with what the destination knew of them (under the destination's own property names).</summary>
    public static IReadOnlyList<(string CustomerKey, IReadOnlyList<FieldValue> Known)> MergedAwayOf(IEnumerable<FieldValue> fields)
    {
        var byCustomer = new Dictionary<string, List<FieldValue>>(StringComparer.Ordinal);
        foreach (var field in fields.Where(f => f.Property.StartsWith(MergedAwayPrefix, StringComparison.Ordinal)))
        {
            var rest = field.Property[MergedAwayPrefix.Length..];
            var bar = rest.IndexOf('|', StringComparison.Ordinal);
            var key = bar < 0 ? rest : rest[..bar];
            if (!byCustomer.TryGetValue(key, out var known))
            {
                byCustomer[key] = known = [];
            }

            if (bar >= 0)
            {
                known.Add(field with { Property = rest[(bar + 1)..] });
            }
        }

        return byCustomer.Select(c => (c.Key, (IReadOnlyList<FieldValue>)c.Value)).ToList();
    }

    /// <summary>
    /// True for a field holding a destination property's value; false for the bookkeeping fields a write carries
    /// (values a replacing write removes, customers a merge write merges away), which are never sent as properties.
    /// </summary>
    public static bool IsValue(FieldValue field) => !field.Property.Contains('@', StringComparison.Ordinal);

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
