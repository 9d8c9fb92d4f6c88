namespace SignalFidelity.Core.Csv;

/// <summary>A row that was skipped: which file, which line, and why. Counted and listed, never fatal.</summary>
/// <param name="File">The input's name as the user gave it.</param>
/// <param name="Line">The 1-based line number the row starts on.</param>
/// <param name="Problem">What was wrong, naming the column.</param>
public sealed record MalformedRow(string File, int Line, string Problem);
