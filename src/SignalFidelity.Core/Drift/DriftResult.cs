namespace SignalFidelity.Core.Drift;

/// <summary>One fidelity field's drift count.</summary>
public sealed record FieldDrift(string Field, int DriftedCount);

/// <summary>One field of an example, owner's value beside the destination's.</summary>
public sealed record FieldDifference(string Field, string? Expected, string? Actual, bool Drifted);

/// <summary>A drifted customer shown side by side.</summary>
public sealed record DriftExample(string Id, string Key, int DriftedFieldCount, IReadOnlyList<FieldDifference> Fields);

/// <summary>A sampled owner record with no destination match.</summary>
/// <param name="Id">The owner record's id.</param>
/// <param name="Key">The match key.</param>
/// <param name="Reason">Why it is missing, with the near-match hint when there is one.</param>
/// <param name="NearMatch">A destination key that differs only by a <c>+tag</c>, a dot or a domain alias, or null.</param>
public sealed record MissingRecord(string Id, string Key, string Reason, string? NearMatch = null);

/// <summary>
/// A sampled owner record whose destination row names it but could not be read: the person is there,
/// what the row holds is not known. Drifted, never missing.
/// </summary>
/// <param name="Id">The owner record's id.</param>
/// <param name="Key">The match key.</param>
/// <param name="Row">The destination row: file, line and why it could not be read.</param>
public sealed record UnreadableRecord(string Id, string Key, Csv.MalformedRow Row)
{
    /// <summary>"unreadable in the CRM (file:line, reason)".</summary>
    public string Reason => $"unreadable in the CRM ({Row.File}:{Row.Line}, {Row.Problem})";
}

/// <summary>A match key held by two or more destination records.</summary>
public sealed record DuplicateKey(string Key, IReadOnlyList<string> Ids);

/// <summary>The outcome of one drift measurement; no generic type so reports need no entity knowledge.</summary>
public sealed record DriftResult
{
    /// <summary>Owner records read.</summary>
    public required long PopulationSize { get; init; }

    /// <summary>Destination records read (with a key).</summary>
    public required long DestinationRecords { get; init; }

    /// <summary>Destination records that had no usable key and could not be matched.</summary>
    public required long DestinationWithoutKey { get; init; }

    /// <summary>True when every owner record was measured (<c>--sample all</c>).</summary>
    public required bool WholePopulation { get; init; }

    /// <summary>The seed the sample was drawn with (irrelevant for the whole population).</summary>
    public required int Seed { get; init; }

    /// <summary>Records measured: the sample size.</summary>
    public required long SampleSize { get; init; }

    /// <summary>Measured records that drifted, including those missing in the destination or unreadable there.</summary>
    public required long DriftedCount { get; init; }

    /// <summary>Measured records with no destination match.</summary>
    public required long MissingCount { get; init; }

    /// <summary>Measured records whose destination row could not be read (counted as drifted, not missing).</summary>
    public required long UnreadableCount { get; init; }

    /// <summary>Keys held by more than one destination record.</summary>
    public required long DuplicateCount { get; init; }

    /// <summary>Drifted share in percent.</summary>
    public double DriftPercent => SampleSize == 0 ? 0 : 100.0 * DriftedCount / SampleSize;

    /// <summary>Record fidelity: 100 - drift %.</summary>
    public double FidelityPercent => 100 - DriftPercent;

    /// <summary>The 95% Wilson interval of the drift %.</summary>
    public required (double Low, double High) DriftPercentCi95 { get; init; }

    /// <summary>Drift per fidelity field, in the comparer's field order (missing and unreadable records are not counted here).</summary>
    public required IReadOnlyList<FieldDrift> PerField { get; init; }

    /// <summary>The worst drifted records, most drifted fields first.</summary>
    public required IReadOnlyList<DriftExample> Examples { get; init; }

    /// <summary>Measured records missing in the destination (up to the listing cap).</summary>
    public required IReadOnlyList<MissingRecord> Missing { get; init; }

    /// <summary>Measured records unreadable in the destination (up to the listing cap).</summary>
    public required IReadOnlyList<UnreadableRecord> Unreadable { get; init; }

    /// <summary>Duplicated destination keys (up to the listing cap).</summary>
    public required IReadOnlyList<DuplicateKey> Duplicates { get; init; }
}
