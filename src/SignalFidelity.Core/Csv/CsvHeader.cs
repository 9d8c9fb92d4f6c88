using nietras.SeparatedValues;

namespace SignalFidelity.Core.Csv;

/// <summary>Finds columns by name in an export's header and explains a missing one by file and column.</summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _loose = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the header of <paramref name="reader"/>.</summary>
    public CsvHeader(string fileName, SepReader reader)
    {
        FileName = fileName;
        Names = reader.Header.ColNames.Select(n => n.Trim().TrimStart('\uFEFF')).ToArray();
        for (var i = 0; i < Names.Count; i++)
        {
            _exact.TryAdd(Names[i], i);
            _loose.TryAdd(Names[i], i);
        }
        if (Names.Count == 0 || Names.All(string.IsNullOrEmpty))
            throw new AuditInputException($"{fileName}: the file is empty or has no header row.");
    }

    /// <summary>The input's name for messages.</summary>
    public string FileName { get; }

    /// <summary>The column names in file order, trimmed.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The index of a column (exact name first, then ignoring case), or -1.</summary>
    public int Find(string name) => _exact.TryGetValue(name, out var i) ? i : _loose.TryGetValue(name, out i) ? i : -1;

    /// <summary>The index of a column the audit cannot do without.</summary>
    /// <exception cref="AuditInputException">The column is absent; the message names the file and the column.</exception>
    public int Require(string name, string why)
    {
        var index = Find(name);
        if (index < 0)
            throw new AuditInputException($"{FileName}: missing column '{name}' ({why}). Columns found: {string.Join(", ", Names.Take(20))}{(Names.Count > 20 ? ", ..." : "")}.");
        return index;
    }

    /// <summary>Opens a comma-separated reader that tolerates ragged rows so they can be reported, not thrown.</summary>
    public static SepReader OpenReader(TextReader text) =>
        Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true }).From(text);
}
