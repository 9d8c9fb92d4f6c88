using System.Text;

namespace SignalFidelity.Audit.Listings;

/// <summary>
/// One listing file: RFC 4180 (a cell is quoted only when it holds a comma, quote or line break), UTF-8
/// without BOM, CRLF. Written to a temporary name and moved into place by <see cref="Commit"/>, so a run
/// that stops half-way never leaves a listing that looks complete.
/// </summary>
internal sealed class ListingCsv : IDisposable
{
    private readonly string _path;
    private readonly string _partial;
    private readonly StreamWriter _writer;

    public ListingCsv(string path, params string[] header)
    {
        _path = path;
        _partial = path + ".partial";
        _writer = new StreamWriter(_partial, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        Row(header);
        Rows = 0;
    }

    /// <summary>Rows written, header excluded.</summary>
    public long Rows { get; private set; }

    public void Row(params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) _writer.Write(',');
            WriteCell(cells[i] ?? "");
        }
        _writer.Write("\r\n");
        Rows++;
    }

    /// <summary>Flushes the file and moves it to its name, replacing an older listing.</summary>
    public void Commit()
    {
        _writer.Dispose();
        File.Move(_partial, _path, overwrite: true);
    }

    public void Dispose()
    {
        _writer.Dispose();
        if (File.Exists(_partial)) File.Delete(_partial);
    }

    private void WriteCell(string cell)
    {
        if (LooksLikeFormula(cell)) cell = "'" + cell;
        if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0) _writer.Write('"' + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + '"');
        else _writer.Write(cell);
    }

    // These files are opened in spreadsheets and their cells come from CRM exports anyone can type into: a
    // cell a spreadsheet would run as a formula is prefixed with ' so it shows as text (OWASP "CSV
    // injection"). A signed number (-12.50, a phone key +16135550135) is no formula and is kept as it is.
    internal static bool LooksLikeFormula(string cell)
    {
        if (cell.Length == 0 || cell[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r')) return false;
        if (cell[0] is not ('+' or '-') || cell.Length == 1) return true;
        var dots = 0;
        foreach (var c in cell.AsSpan(1))
        {
            if (c == '.' && ++dots == 1) continue;
            if (!char.IsAsciiDigit(c)) return true;
        }
        return false;
    }
}
