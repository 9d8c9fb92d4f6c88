using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Mapping;

namespace SignalFidelity.Audit.Exports;

/// <summary>
/// HubSpot's property-list export (<c>--crm-properties FILE</c>): one row per property with its label and internal
/// name, so an export headed by labels can be read by the internal names the topology declares, even for a
/// property whose label was changed after it was created.
/// </summary>
public static class CrmPropertyList
{
    /// <summary>Internal name -> label (names compared ignoring case).</summary>
    /// <exception cref="AuditInputException">The file is absent or lacks the two columns; the message names the file and the columns.</exception>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        if (!File.Exists(path)) throw new AuditInputException($"--crm-properties: file '{path}' does not exist.");
        var name = Path.GetFileName(path);
        using var text = new StreamReader(path);
        using var reader = CsvHeader.OpenReader(text);
        var header = new CsvHeader(name, reader);
        var internalCol = header.Require(HubSpotContactExportColumns.PropertyListInternalNameColumn, "each property's internal name; export the list from HubSpot's Settings > Properties > Export all properties");
        var labelCol = HubSpotContactExportColumns.PropertyListLabelColumns.Select(header.Find).FirstOrDefault(i => i >= 0, -1);
        if (labelCol < 0)
            throw new AuditInputException($"--crm-properties {name}: no label column; HubSpot's property export heads it {string.Join(" or ", HubSpotContactExportColumns.PropertyListLabelColumns.Select(c => $"'{c}'"))}.");
        var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in reader)
        {
            if (row.ColCount <= Math.Max(internalCol, labelCol)) continue; // a ragged row names no pair; the header check already proved the format
            var internalName = row[internalCol].ToString().Trim();
            var label = row[labelCol].ToString().Trim();
            if (internalName.Length > 0 && label.Length > 0) labels.TryAdd(internalName, label);
        }
        return labels;
    }
}
