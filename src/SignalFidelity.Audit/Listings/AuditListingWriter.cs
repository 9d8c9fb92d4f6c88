using SignalFidelity.Core.Drift;
using SignalFidelity.Core.Reports;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;

namespace SignalFidelity.Audit.Listings;

/// <summary>
/// Writes the audit's four complete listings while the drift engine runs: each drifted, missing or
/// unreadable customer goes to its file as it is found (nothing is held, so a million-customer run costs
/// no memory here), and the duplicated keys are written from the CRM index at the end.
/// </summary>
/// <remarks>
/// drifted.csv has one row per (customer, drifted field) rather than one row per customer with a column
/// pair per field: it stays the same shape when the topology adds a fidelity field, a spreadsheet filters
/// it by field in one click, and a customer drifted on one field of four is not a row of mostly empty cells.
/// The number of customers is the number of distinct ids.
/// </remarks>
internal sealed class AuditListingWriter : IDriftListener<Customer>, IDisposable
{
    private readonly string _directory;
    private readonly IFidelityComparer<Customer> _comparer;
    private readonly bool[] _ownedByCrm;
    private readonly string[] _fieldWords;
    private readonly string _crm;
    private readonly ListingCsv _drifted;
    private readonly ListingCsv _missing;
    private readonly ListingCsv _unreadable;
    private readonly ListingCsv _duplicates;

    /// <param name="directory">Where the four files go (created when absent).</param>
    /// <param name="comparer">The comparer whose field indexes the engine reports.</param>
    /// <param name="crmOwnedFields">Fields the CRM owns: their expected value is the CRM's, so the roles swap.</param>
    /// <param name="fieldWords">How a field is named for people (the topology's words).</param>
    /// <param name="crm">The CRM audited, for the column headers.</param>
    public AuditListingWriter(string directory, IFidelityComparer<Customer> comparer, IReadOnlySet<string> crmOwnedFields, Func<string, string> fieldWords, SyncSystem crm)
    {
        Directory.CreateDirectory(directory);
        _directory = directory;
        _comparer = comparer;
        _ownedByCrm = comparer.FieldNames.Select(crmOwnedFields.Contains).ToArray();
        _fieldWords = comparer.FieldNames.Select(fieldWords).ToArray();
        _crm = crm.ToString();
        var crmName = _crm.ToLowerInvariant();
        _drifted = new ListingCsv(Path.Combine(directory, AuditListings.DriftedFile), "shopify_customer_id", "match_key", "field", "shopify_value", crmName + "_value", "owner");
        _missing = new ListingCsv(Path.Combine(directory, AuditListings.MissingFile), "shopify_customer_id", "match_key", "reason", "near_match");
        _unreadable = new ListingCsv(Path.Combine(directory, AuditListings.UnreadableFile), "shopify_customer_id", "match_key", crmName + "_file", crmName + "_line", "problem");
        _duplicates = new ListingCsv(Path.Combine(directory, AuditListings.DuplicatesFile), "match_key", crmName + "_record", "compared");
    }

    public void OnDrifted(in SourceRecord<Customer> record, FieldSet drifted, Customer expected, Customer actual)
    {
        var id = record.DisplayId;
        var key = record.Key.ToString();
        for (var i = 0; i < _fieldWords.Length; i++)
        {
            if (!drifted.Contains(i)) continue;
            var (shopify, crm) = _ownedByCrm[i] ? (actual, expected) : (expected, actual);
            _drifted.Row(id, key, _fieldWords[i], _comparer.Format(shopify, i), _comparer.Format(crm, i), _ownedByCrm[i] ? _crm : "Shopify");
        }
    }

    public void OnMissing(MissingRecord missing) => _missing.Row(missing.Id, missing.Key, missing.Reason, missing.NearMatch);

    public void OnUnreadable(UnreadableRecord unreadable) =>
        _unreadable.Row(unreadable.Id, unreadable.Key, unreadable.Row.File, unreadable.Row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), unreadable.Row.Problem);

    /// <summary>Writes the duplicated keys, moves the four files into place and says what was written.</summary>
    public AuditListings Complete(DestinationIndex<Customer> index)
    {
        foreach (var duplicate in index.AllDuplicates())
        {
            for (var i = 0; i < duplicate.Ids.Count; i++) _duplicates.Row(duplicate.Key, duplicate.Ids[i], i == 0 ? "yes" : "no");
        }
        foreach (var file in new[] { _drifted, _missing, _unreadable, _duplicates }) file.Commit();
        return new AuditListings(_directory, _drifted.Rows);
    }

    public void Dispose()
    {
        _drifted.Dispose();
        _missing.Dispose();
        _unreadable.Dispose();
        _duplicates.Dispose();
    }
}
