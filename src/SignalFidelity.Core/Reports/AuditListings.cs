namespace SignalFidelity.Core.Reports;

/// <summary>
/// The complete listings an audit wrote next to its pages: every drifted customer, every missing and
/// unreadable one, every duplicated key. The pages show the first rows of each and name the file for the rest.
/// </summary>
/// <param name="Directory">Where the files are.</param>
/// <param name="DriftedRows">Rows of drifted.csv (one per customer and drifted field).</param>
public sealed record AuditListings(string Directory, long DriftedRows)
{
    /// <summary>Every drifted customer: one row per (customer, drifted field), Shopify's value beside the CRM's.</summary>
    public const string DriftedFile = "drifted.csv";

    /// <summary>Every measured customer with no CRM record.</summary>
    public const string MissingFile = "missing.csv";

    /// <summary>Every CRM key held by two or more records, one row per record.</summary>
    public const string DuplicatesFile = "duplicates.csv";

    /// <summary>Every measured customer whose CRM row could not be read.</summary>
    public const string UnreadableFile = "unreadable.csv";

    /// <summary>The four files, in the order above.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [DriftedFile, MissingFile, DuplicatesFile, UnreadableFile];

    /// <summary>The four paths.</summary>
    public IReadOnlyList<string> Paths => FileNames.Select(f => System.IO.Path.Combine(Directory, f)).ToArray();
}
