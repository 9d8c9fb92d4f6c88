using SignalFidelity.Core.Csv;

namespace SignalFidelity.Audit.Exports;

/// <summary>Every skipped row is counted; the first thousand are kept with file, line and reason.</summary>
internal sealed class MalformedRowLog
{
    private const int MaxListed = 1000;
    private readonly List<MalformedRow> _rows = [];

    public long Count { get; private set; }
    public IReadOnlyList<MalformedRow> Listed => _rows;

    public void Add(string file, int line, string problem)
    {
        Count++;
        if (_rows.Count < MaxListed) _rows.Add(new MalformedRow(file, line, problem));
    }

    /// <summary>Takes rows another reader collected in a plain list.</summary>
    public void AddRange(IEnumerable<MalformedRow> rows)
    {
        foreach (var row in rows) Add(row.File, row.Line, row.Problem);
    }

    /// <summary>Takes another log's listed rows and its full count (which may exceed what it listed).</summary>
    public void AddRange(IReadOnlyList<MalformedRow> listed, long count)
    {
        AddRange(listed);
        Count += count - listed.Count;
    }
}
