using nietras.SeparatedValues;
using SignalFidelity.Core.Csv;
using SignalFidelity.Runtime;

namespace SignalFidelity.Core.Mapping;

/// <summary>A CRM property with more than one writer, and who they are.</summary>
/// <param name="Property">The property name in the CRM.</param>
/// <param name="Writers">The writers, sorted.</param>
/// <param name="Source">Where the contest was seen: the observed-writers inventory, the topology, or both.</param>
public sealed record ContestedField(string Property, IReadOnlyList<string> Writers, string Source);

/// <summary>
/// Phase 1's field-mapping review: which CRM properties have two writers (contested), and which custom
/// properties in the CRM export no topology flow declares (unowned).
/// </summary>
public static class FieldMappingReview
{
    /// <summary>The CRM property names the topology declares for <paramref name="crm"/>: flows into it and the properties it owns.</summary>
    public static IReadOnlySet<string> DeclaredProperties(TopologyManifest manifest, SyncSystem crm)
    {
        var declared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in manifest.Entities.SelectMany(e => e.Fields))
        {
            foreach (var flow in field.Flows) if (flow.Destination == crm) declared.Add(flow.Property);
            if (field.Owner == crm && field.OwnerProperty is { } owned) declared.Add(owned);
        }
        return declared;
    }

    /// <summary>
    /// Reads an observed-writers inventory: a CSV with a header <c>property,writer</c>, one row per writer
    /// seen on a property (from the CRM's change history or an integrations list).
    /// </summary>
    public static Dictionary<string, SortedSet<string>> ReadWriters(string fileName, TextReader text, List<MalformedRow> malformed)
    {
        using var reader = CsvHeader.OpenReader(text);
        var header = new CsvHeader(fileName, reader);
        var propertyCol = header.Require("property", "the CRM property a writer was seen on");
        var writerCol = header.Require("writer", "the integration or person that wrote it");
        var writers = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in reader)
        {
            if (row.ColCount <= Math.Max(propertyCol, writerCol))
            {
                malformed.Add(new MalformedRow(fileName, row.LineNumberFrom, $"{row.ColCount} columns, expected {header.Names.Count}"));
                continue;
            }
            var property = row[propertyCol].ToString().Trim();
            var writer = row[writerCol].ToString().Trim();
            if (property.Length == 0 || writer.Length == 0)
            {
                malformed.Add(new MalformedRow(fileName, row.LineNumberFrom, "empty 'property' or 'writer'"));
                continue;
            }
            if (!writers.TryGetValue(property, out var set)) writers[property] = set = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            set.Add(writer);
        }
        return writers;
    }

    /// <summary>
    /// Contested CRM properties: two or more observed writers, or two writers in the topology itself (two
    /// flows into one property, or a flow into a property another field owns). The analyzer (SF0001) stops
    /// the latter at build time; the audit still reports it for topologies built with the rule relaxed.
    /// </summary>
    public static IReadOnlyList<ContestedField> Contested(TopologyManifest manifest, SyncSystem crm, IReadOnlyDictionary<string, SortedSet<string>>? observedWriters)
    {
        var topologyWriters = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        void AddTopologyWriter(string property, string writer)
        {
            if (!topologyWriters.TryGetValue(property, out var set)) topologyWriters[property] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(writer);
        }
        foreach (var entity in manifest.Entities)
        {
            foreach (var field in entity.Fields)
            {
                foreach (var flow in field.Flows.Where(f => f.Destination == crm))
                    AddTopologyWriter(flow.Property, $"{field.Owner} via {entity.Name}.{field.Name}");
                if (field.Owner == crm && field.OwnerProperty is { } owned)
                    AddTopologyWriter(owned, $"{crm} (owns {entity.Name}.{field.Name})");
            }
        }

        var result = new List<ContestedField>();
        var properties = topologyWriters.Keys.Concat(observedWriters?.Keys ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);
        foreach (var property in properties)
        {
            var inTopology = topologyWriters.TryGetValue(property, out var declared) && declared.Count >= 2;
            var observed = observedWriters is not null && observedWriters.TryGetValue(property, out var seen) ? AsTopologySees(seen, declared) : null;
            if (observed is { Count: < 2 }) observed = null;
            if (!inTopology && observed is null) continue;
            var writers = (inTopology ? declared! : Enumerable.Empty<string>()).Concat(observed ?? Enumerable.Empty<string>())
                .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();
            var source = inTopology && observed is not null ? "topology and observed writers" : inTopology ? "topology" : "observed writers";
            result.Add(new ContestedField(property, writers, source));
        }
        return result;
    }

    /// <summary>
    /// The observed writers of one property with the governed worker (<see cref="GovernedWriter"/>) read as the
    /// topology's own flows into it: the worker writing what the topology declares is the declared writer, not a
    /// second one. Where the topology declares no writer of the property, the worker stays a writer of its own.
    /// </summary>
    private static SortedSet<string> AsTopologySees(SortedSet<string> observed, SortedSet<string>? declared)
    {
        if (declared is null || declared.Count == 0 || !observed.Any(GovernedWriter.Is)) return observed;
        var writers = new SortedSet<string>(observed.Where(w => !GovernedWriter.Is(w)), StringComparer.OrdinalIgnoreCase);
        foreach (var flow in declared) writers.Add($"{flow} ({GovernedWriter.Name})");
        return writers;
    }

    /// <summary>
    /// Property columns of the CRM export that are neither the CRM's own (<see cref="StandardCrmColumns"/>)
    /// nor in <paramref name="declared"/> (the properties the topology, or the audit's fallback, names), in file order.
    /// </summary>
    public static IReadOnlyList<string> UnownedCustomProperties(IEnumerable<string> exportColumns, IReadOnlySet<string> declared, SyncSystem crm) =>
        exportColumns
            .Where(c => c.Length > 0 && !StandardCrmColumns.IsStandard(crm, c) && !declared.Contains(c))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
}
