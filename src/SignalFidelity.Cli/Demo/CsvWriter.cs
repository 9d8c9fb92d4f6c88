using System.Text;

namespace SignalFidelity.Cli.Demo;

/// <summary>A minimal RFC 4180 writer: quotes a cell only when it holds a comma, quote or line break.</summary>
internal sealed class CsvWriter(string path) : IDisposable
{
    private readonly StreamWriter _writer = new(path, append: false, new UTF8Encoding(false));

    public void Row(params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) _writer.Write(',');
            var cell = cells[i] ?? "";
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0) _writer.Write('"' + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + '"');
            else _writer.Write(cell);
        }
        _writer.Write("\r\n");
    }

    public void Dispose() => _writer.Dispose();
}
