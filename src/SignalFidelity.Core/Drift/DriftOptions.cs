using SignalFidelity.Runtime;

namespace SignalFidelity.Core.Drift;

/// <summary>How a drift measurement samples and what it keeps for the report.</summary>
public sealed record DriftOptions
{
    /// <summary>The article's weekly cohort.</summary>
    public const int DefaultSampleSize = 200;

    /// <summary>How many owner records to sample; null measures the whole population (streaming).</summary>
    public int? SampleSize { get; init; } = DefaultSampleSize;

    /// <summary>The sampling seed: the same seed over the same export draws the same customers.</summary>
    public int Seed { get; init; }

    /// <summary>How many worst examples the report shows.</summary>
    public int MaxExamples { get; init; } = 10;

    /// <summary>How many missing and duplicate records are listed (all are counted).</summary>
    public int MaxListed { get; init; } = 1000;

    /// <summary>Fields (indexes in the comparer's FieldNames) not measured in this run, for example a field whose input was not supplied.</summary>
    public FieldSet IgnoredFields { get; init; }
}
