using SignalFidelity.Core.Csv;

namespace SignalFidelity.Audit.Exports;

/// <summary>
/// The user's word on which CRM export column holds what, when the export does not use the names the
/// topology declares (a HubSpot export heads a property with its label, "Total Spent", not its name
/// <c>total_spent</c>): <c>--column Field=Header</c>, repeatable, and <c>--columns FILE</c>, a CSV with the
/// header <c>field,column</c>. A field is named by its code name, its words or its CRM property
/// (<c>TotalSpent</c>, <c>"Total spent"</c>, <c>total_spent</c>), or is <c>Email</c>, <c>Phone</c> or <c>Id</c>;
/// <see cref="CrmColumnPlan"/> resolves the names. A <c>--column</c> flag overrides the file's line for the same name.
/// </summary>
public static class CrmColumnMapping
{
    /// <summary>Reads the flags and the file into name -> column (names compared ignoring case).</summary>
    /// <exception cref="AuditInputException">A flag without '=', an empty side, a name given twice, or an unreadable file; the message names it.</exception>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> flags, string? file)
    {
        var mapping = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (file is not null) ReadFile(file, mapping);
        var fromFlags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var flag in flags)
        {
            var equals = flag.IndexOf('=');
            var name = equals < 0 ? "" : flag[..equals].Trim();
            var column = equals < 0 ? "" : flag[(equals + 1)..].Trim().Trim('"');
            if (name.Length == 0 || column.Length == 0)
                throw new AuditInputException($"--column {flag}: write it as Field=Header, for example --column TotalSpent=\"Total Spent\".");
            if (!fromFlags.Add(name))
                throw new AuditInputException($"--column {flag}: {name} is mapped twice with --column; keep one.");
            mapping[name] = column;
        }
        return mapping;
    }

    private static void ReadFile(string file, Dictionary<string, string> mapping)
    {
        if (!File.Exists(file)) throw new AuditInputException($"--columns: file '{file}' does not exist.");
        var name = Path.GetFileName(file);
        using var text = new StreamReader(file);
        using var reader = CsvHeader.OpenReader(text);
        var header = new CsvHeader(name, reader);
        if (header.Find("field") < 0 || header.Find("column") < 0)
            throw new AuditInputException($"--columns {name}: the first line must be the header 'field,column', then one line per mapping such as 'TotalSpent,Total Spent'.");
        var fieldCol = header.Find("field");
        var columnCol = header.Find("column");
        foreach (var row in reader)
        {
            if (row.ColCount != header.Names.Count)
                throw new AuditInputException($"--columns {name} line {row.LineNumberFrom}: {row.ColCount} cells where the header has {header.Names.Count}; quote a column name that holds a comma.");
            var field = row[fieldCol].ToString().Trim();
            var column = row[columnCol].ToString().Trim();
            if (field.Length == 0 && column.Length == 0) continue;
            if (field.Length == 0 || column.Length == 0)
                throw new AuditInputException($"--columns {name} line {row.LineNumberFrom}: give both the field and the column.");
            if (!mapping.TryAdd(field, column))
                throw new AuditInputException($"--columns {name} line {row.LineNumberFrom}: {field} is mapped twice in the file; keep one line.");
        }
    }
}
