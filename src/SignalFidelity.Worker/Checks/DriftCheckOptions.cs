namespace SignalFidelity.Worker.Checks;

/// <summary>What one live drift check measures and where its report goes (<c>sigfid drift</c>, the worker's schedule).</summary>
public sealed record DriftCheckOptions
{
    /// <summary>The CRM measured against Shopify.</summary>
    public required SyncSystem Crm { get; init; }

    /// <summary>Customers sampled from Shopify; null measures every customer (read through one bulk operation).</summary>
    public int? SampleSize { get; init; } = Core.Drift.DriftOptions.DefaultSampleSize;

    /// <summary>The sampling seed; null draws one (the report prints it so the check can be repeated).</summary>
    public int? Seed { get; init; }

    /// <summary>Where drift.md, drift.html, drift.json and the listings (drifted.csv, ...) are written.</summary>
    public required string OutputDirectory { get; init; }
}

/// <summary>How far a check has come: a stage and, where known, how many of how many.</summary>
public readonly record struct DriftCheckProgress(string Stage, long Done, long? Total);
