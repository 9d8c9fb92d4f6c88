using nietras.SeparatedValues;
using SignalFidelity.Core.Csv;

namespace SignalFidelity.Audit.Exports;

/// <summary>
/// One export opened for streaming: a Sep reader over a buffered file stream, its header, and progress
/// reported by bytes consumed. Never holds the file as a string.
/// </summary>
internal sealed class ExportFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly StreamReader _text;
    private readonly Action<long>? _onBytes;
    private readonly long _length;
    private long _rowsSinceReport;

    private ExportFile(string label, string path, Action<long>? onBytes)
    {
        Label = label;
        Path = path;
        _onBytes = onBytes;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        // Read now: Sep closes the reader (and so the stream) when it reaches the end.
        _length = _stream.Length;
        _text = new StreamReader(_stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        Reader = CsvHeader.OpenReader(_text);
        Header = new CsvHeader(System.IO.Path.GetFileName(path), Reader);
    }

    /// <summary>What the file is, for messages ("--shopify-customers").</summary>
    public string Label { get; }

    /// <summary>The path as given.</summary>
    public string Path { get; }

    /// <summary>The streaming reader.</summary>
    public SepReader Reader { get; }

    /// <summary>The header.</summary>
    public CsvHeader Header { get; }

    /// <summary>
    /// A rough row count from the file size, to size tables up front (over-estimating costs a little memory,
    /// under-estimating a rehash). Capped so a huge file cannot ask for an absurd table.
    /// </summary>
    public int EstimateRows(int bytesPerRow) => (int)Math.Min(50_000_000, _length / Math.Max(1, bytesPerRow));

    /// <summary>The file name used in messages.</summary>
    public string Name => Header.FileName;

    /// <summary>Opens <paramref name="path"/>, failing with the option name when it does not exist.</summary>
    public static ExportFile Open(string label, string path, Action<long>? onBytes)
    {
        if (!File.Exists(path)) throw new AuditInputException($"{label}: file '{path}' does not exist.");
        return new ExportFile(label, path, onBytes);
    }

    /// <summary>
    /// Fails with every missing input at once, one per line with its option (absent optional inputs are null and
    /// skipped), so a user fixing two wrong paths does not find the second only after fixing the first.
    /// </summary>
    public static void RequireAll(params (string Label, string? Path)[] inputs)
    {
        var missing = inputs.Where(i => i.Path is not null && !File.Exists(i.Path)).Select(i => $"{i.Label}: file '{i.Path}' does not exist.").ToList();
        if (missing.Count > 0) throw new AuditInputException(string.Join(Environment.NewLine, missing));
    }

    /// <summary>Called once per row; reports progress every few thousand rows.</summary>
    public void RowRead()
    {
        if (++_rowsSinceReport < 8192) return;
        _rowsSinceReport = 0;
        if (_onBytes is not null && _stream.CanSeek) _onBytes(_stream.Position);
    }

    /// <summary>Reports the file as fully read.</summary>
    public void Finished() => _onBytes?.Invoke(_length);

    /// <summary>True when the row has the header's column count; otherwise logs it as malformed.</summary>
    public bool CheckShape(SepReader.Row row, MalformedRowLog log)
    {
        if (ShapeProblem(row) is not { } problem) return true;
        log.Add(Name, row.LineNumberFrom, problem);
        return false;
    }

    /// <summary>Why the row's column count is wrong, or null when it has the header's.</summary>
    public string? ShapeProblem(SepReader.Row row) => row.ColCount == Header.Names.Count ? null
        : $"{row.ColCount} columns where the header has {Header.Names.Count} (an unclosed quote or a stray separator)";

    public void Dispose()
    {
        Reader.Dispose();
        _text.Dispose();
        _stream.Dispose();
    }
}
