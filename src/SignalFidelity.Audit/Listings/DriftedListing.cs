using SignalFidelity.Core.Csv;
using SignalFidelity.Topology;

namespace SignalFidelity.Audit.Listings;

/// <summary>One row of <c>drifted.csv</c>: a customer, one drifted field, Shopify's value beside the CRM's, and the field's owner.</summary>
public sealed record DriftedRow(string CustomerId, string Field, string ShopifyValue, string CrmValue, string Owner);

/// <summary>
/// Reads back what <see cref="AuditListingWriter"/> wrote (the audit's and <c>sigfid drift</c>'s <c>drifted.csv</c>):
/// which CRM it was measured against (its <c>&lt;crm&gt;_value</c> column) and its rows. <c>sigfid heal</c> reads it.
/// </summary>
public static class DriftedListing
{
    private const string CrmValueSuffix = "_value";

    /// <summary>The CRM and the rows of the listing at <paramref name="path"/>.</summary>
    /// <exception cref="AuditInputException">The file is absent or is not a drifted listing; the message names it.</exception>
    public static (SyncSystem Crm, IReadOnlyList<DriftedRow> Rows) Read(string path)
    {
        if (!File.Exists(path)) throw new AuditInputException($"--from: file '{path}' does not exist; give the drifted.csv that sigfid drift or sigfid audit wrote.");
        using var text = new StreamReader(path);
        using var reader = CsvHeader.OpenReader(text);
        var header = new CsvHeader(Path.GetFileName(path), reader);
        const string why = "drifted.csv as sigfid drift writes it";
        var id = header.Require("shopify_customer_id", why);
        var field = header.Require("field", why);
        var shopify = header.Require("shopify_value", why);
        var owner = header.Require("owner", why);
        var crmColumn = header.Names.FirstOrDefault(n => n.EndsWith(CrmValueSuffix, StringComparison.Ordinal) && n != "shopify_value"
            && Enum.TryParse<SyncSystem>(n[..^CrmValueSuffix.Length], ignoreCase: true, out var s) && s != SyncSystem.Shopify)
            ?? throw new AuditInputException($"{header.FileName}: no '<crm>_value' column (klaviyo_value, hubspot_value): it does not say which CRM was measured.");
        var crm = Enum.Parse<SyncSystem>(crmColumn[..^CrmValueSuffix.Length], ignoreCase: true);
        var crmValue = header.Find(crmColumn);
        var rows = new List<DriftedRow>();
        foreach (var row in reader)
        {
            rows.Add(new DriftedRow(row[id].ToString().Trim(), row[field].ToString(), row[shopify].ToString(), row[crmValue].ToString(), row[owner].ToString()));
        }
        return (crm, rows);
    }

    /// <summary>The customer ids (first column) of a listing such as <c>missing.csv</c>; none when it is absent.</summary>
    public static IReadOnlySet<string> CustomerIds(string path)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return ids;
        using var text = new StreamReader(path);
        using var reader = CsvHeader.OpenReader(text);
        foreach (var row in reader) ids.Add(row[0].ToString().Trim());
        return ids;
    }
}
