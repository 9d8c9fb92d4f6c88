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
    /// <param name="name">The column.</param>
    /// <param name="why">What the audit needs it for, for the message.</param>
    /// <param name="mapAs">
    /// The name the user maps another column to it by (<c>--column TotalSpent="Total Spent"</c>, or the line
    /// <c>TotalSpent,Total Spent</c> in a <c>--columns</c> file); the message then shows both, completed by
    /// the closest look-alike. Null when the column cannot be mapped.
    /// </param>
    /// <exception cref="AuditInputException">The column is absent; the message names the file, the column, the columns that look like it and how to map one.</exception>
    public int Require(string name, string why, string? mapAs = null)
    {
        var index = Find(name);
        if (index >= 0) return index;
        var alike = ColumnLookAlikes.Find(name, Names);
        var message = new System.Text.StringBuilder($"{FileName}: missing column '{name}' ({why}). ");
        if (alike.Count > 0) message.Append($"Columns that look like it: {string.Join(", ", alike.Select(c => $"'{c}'"))}. ");
        else message.Append($"No column looks like it; columns found: {string.Join(", ", Names.Take(20))}{(Names.Count > 20 ? ", ..." : "")}. ");
        if (mapAs is not null)
        {
            var column = alike.Count > 0 ? alike[0] : "<column>";
            message.Append(alike.Count > 0 ? "If one of them holds it, map it" : "Map the column that holds it");
            message.Append($" with --column {mapAs}=\"{column}\" or the line '{mapAs},{column}' in a --columns file.");
        }
        throw new AuditInputException(message.ToString().TrimEnd());
    }

    /// <summary>Opens a comma-separated reader that tolerates ragged rows so they can be reported, not thrown.</summary>
    public static SepReader OpenReader(TextReader text) =>
        Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true }).From(text);
}
