using System.Text.Json;
using SignalFidelity.Audit.Exports;
using SignalFidelity.Audit.Listings;
using SignalFidelity.Audit.Topology;
using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Drift;
using SignalFidelity.Core.Identity;
using SignalFidelity.Core.Mapping;
using SignalFidelity.Core.Reports;
using SignalFidelity.Generated;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;

namespace SignalFidelity.Audit.Live;

/// <summary>
/// The Phase 1 diff over records read from the vendors' APIs instead of exports (<c>sigfid drift</c>, the
/// worker's weekly check). The same column plan, aligner, engine, listings and report as the audit: the caller
/// hands Shopify's GraphQL Admin nodes and the CRM's property values, this turns them into the topology's
/// records (the generated <see cref="CustomerTopology.ReadAdmin"/> for Shopify, the field kinds for the CRM)
/// and measures. It knows no connector: reading is the caller's, so Audit stays free of HTTP.
/// </summary>
public sealed class LiveDriftAudit
{
    private readonly CrmColumnPlan _plan;
    private readonly IdentityResolver _identity;
    private readonly CellValueReader _cells = new(new MoneyParser());
    private readonly IRecordBuilder<Customer> _builder = CustomerTopology.CreateBuilder();
    private readonly int[] _fromTags;

    private LiveDriftAudit(SyncSystem crm, string defaultPhoneRegion)
    {
        Crm = crm;
        _plan = CrmColumnPlan.For(GeneratedTopologyManifest.Instance, crm);
        _identity = new IdentityResolver(IdentityRule.CanonicalEmailThenPhone, defaultPhoneRegion);
        _fromTags = _plan.Columns.Where(c => c.ShopifySource == ShopifySource.TagList).Select(c => c.Index).ToArray();
        CrmProperties = _plan.Columns.Select(c => c.CrmColumn).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>A measurement of <paramref name="crm"/> against Shopify, planned from the compiled topology.</summary>
    public static LiveDriftAudit For(SyncSystem crm, string defaultPhoneRegion = "US") => new(crm, defaultPhoneRegion);

    /// <summary>The CRM measured.</summary>
    public SyncSystem Crm { get; }

    /// <summary>The CRM properties holding the measured fields: what to ask the CRM for.</summary>
    public IReadOnlyList<string> CrmProperties { get; }

    /// <summary>
    /// The owner-side record of one Shopify customer read through GraphQL Admin with the topology's selection.
    /// A CRM-owned value flowing into Shopify's tags is held as the tag list, as the export's <c>Tags</c> cell is.
    /// </summary>
    /// <remarks>The id is the one listings name (the numeric id, as Shopify's export writes it).</remarks>
    public SourceRecord<Customer> ShopifyRecord(string id, string? email, string? phone, JsonElement adminNode, IReadOnlyList<string> tags)
    {
        var record = CustomerTopology.ReadAdmin(adminNode).Snapshot;
        if (_fromTags.Length > 0 && tags.Count > 0)
        {
            _builder.Reset();
            foreach (var field in _fromTags) _builder.SetString(field, string.Join(", ", tags));
            var tagged = _builder.Build();
            foreach (var field in _fromTags) record = _builder.CopyField(record, tagged, field);
        }
        return new SourceRecord<Customer>(_identity.Resolve(email, phone), record, id, 0);
    }

    /// <summary>
    /// The destination record of one CRM profile/contact from its property values as text (absent when unset). A
    /// value that does not read as its field's type makes the record unreadable (named, never missing).
    /// </summary>
    public SourceRecord<Customer> CrmRecord(string? id, string? email, string? phone, IReadOnlyDictionary<string, string> values)
    {
        var key = _identity.Resolve(email, phone);
        _builder.Reset();
        foreach (var column in _plan.Columns)
        {
            if (!values.TryGetValue(column.CrmColumn, out var text)) continue;
            if (_cells.TrySet(_builder, column.Index, text) is { } problem)
                return new SourceRecord<Customer>(key, default!, id, 0) { Unreadable = new MalformedRow($"{Crm} API", 0, $"property '{column.CrmColumn}' of {id}: {problem}") };
        }
        return new SourceRecord<Customer>(key, _builder.Build(), id, 0);
    }

    /// <summary>
    /// Measures <paramref name="shopify"/> (already the sample, or every customer) against <paramref name="crm"/>, writing
    /// the listings into <paramref name="listingDirectory"/>. <paramref name="population"/> and <paramref name="seed"/>
    /// describe how the sample was drawn (null seed: the whole population).
    /// </summary>
    /// <exception cref="AuditInputException">Shopify has no customers, or none matched a CRM record.</exception>
    public AuditReport Measure(IReadOnlyList<SourceRecord<Customer>> shopify, IEnumerable<SourceRecord<Customer>> crm, long population, int? seed,
        string listingDirectory, IReadOnlyList<KeyValuePair<string, string>> inputs)
    {
        var comparer = CustomerFidelityComparer.Instance;
        var options = new DriftOptions
        {
            SampleSize = null,
            Seed = seed ?? 0,
            IgnoredFields = FieldSet.Of(Enumerable.Range(0, comparer.FieldNames.Count).Where(i => !_plan.Columns.Any(c => c.Field == comparer.FieldNames[i]))),
        };
        var index = DestinationIndex<Customer>.Build(crm, options.MaxListed);
        var engine = new DriftEngine<Customer>(comparer, new CustomerAligner(_plan.Columns).Align, options);
        DriftResult drift;
        AuditListings listings;
        using (var listing = new AuditListingWriter(listingDirectory, comparer, _plan.Columns.Where(c => c.OwnedByCrm).Select(c => c.Field).ToHashSet(StringComparer.Ordinal), PlainWords.FieldName, Crm))
        {
            drift = engine.Run(index, shopify, listing);
            listings = listing.Complete(index);
        }
        // The engine measured what it was handed; how that was drawn from the shop is the caller's.
        var whole = seed is null;
        drift = drift with { PopulationSize = Math.Max(population, drift.SampleSize), WholePopulation = whole };
        var notes = new List<string>(_plan.Notes);
        if (!whole) notes.Add($"Re-run with --seed {seed} to draw the same sample.");
        notes.Add($"Read live: Shopify through GraphQL Admin, {Crm} through its API, as of {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        return new AuditReport
        {
            GeneratedAt = DateTimeOffset.UtcNow,
            Crm = Crm,
            Inputs = inputs,
            Drift = drift,
            ContestedFields = FieldMappingReview.Contested(GeneratedTopologyManifest.Instance, Crm, null),
            UnownedCustomProperties = [],
            Notes = notes,
            Listings = listings,
            FieldWords = comparer.FieldNames.Distinct(StringComparer.Ordinal).ToDictionary(n => n, PlainWords.FieldName, StringComparer.Ordinal),
        };
    }
}
