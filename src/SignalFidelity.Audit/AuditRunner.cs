using SignalFidelity.Audit.Exports;
using SignalFidelity.Audit.Listings;
using SignalFidelity.Audit.Topology;
using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Drift;
using SignalFidelity.Core.Identity;
using SignalFidelity.Core.Mapping;
using SignalFidelity.Core.Reports;
using SignalFidelity.Core.Volume;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;

namespace SignalFidelity.Audit;

/// <summary>
/// The Phase 1 audit as a reusable service: <c>sigfid audit</c> and <c>sigfid demo</c> both call it.
/// Reads the exports (streaming), measures drift through the topology's generated comparer, reviews the
/// field mapping, reconciles volume, and returns the report; <see cref="WriteReports"/> writes the files.
/// </summary>
public sealed class AuditRunner
{
    private readonly TopologyManifest _manifest;
    private readonly IFidelityComparer<Customer> _comparer;

    /// <summary>Creates a runner over a topology's manifest and its customer comparer.</summary>
    public AuditRunner(TopologyManifest manifest, IFidelityComparer<Customer> comparer)
    {
        _manifest = manifest;
        _comparer = comparer;
    }

    /// <summary>Runs the audit on a worker thread.</summary>
    /// <exception cref="AuditInputException">An input is missing, lacks a column, or matches nothing.</exception>
    public Task<AuditReport> RunAsync(AuditOptions options, IProgress<AuditProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Run(options, progress), cancellationToken);

    /// <summary>Runs the audit on the calling thread.</summary>
    public AuditReport Run(AuditOptions options, IProgress<AuditProgress>? progress = null)
    {
        if (options.SampleSize is <= 0) throw new AuditInputException("--sample: give a positive number of customers, or 'all'.");
        ExportFile.RequireAll(
            ("--shopify-customers", options.ShopifyCustomersPath), ("--shopify-orders", options.ShopifyOrdersPath),
            ("--crm-profiles", options.CrmProfilesPath), ("--crm-orders", options.CrmOrdersPath),
            ("--writers", options.WritersPath), ("--crm-properties", options.CrmPropertiesPath));
        var identity = new IdentityResolver(IdentityRule.CanonicalEmailThenPhone, options.DefaultPhoneRegion);
        var money = new MoneyParser(options.ShopCurrency);
        var log = new MalformedRowLog();
        var preset = options.Preset is { } presetName
            ? CrmIntegrationPresets.Find(presetName) ?? throw new AuditInputException($"--preset {presetName}: no such preset; use one of: {string.Join(", ", CrmIntegrationPresets.Names)}.")
            : null;
        var labels = options.CrmPropertiesPath is { } propertiesPath ? CrmPropertyList.Read(propertiesPath) : null;
        var meter = new ByteMeter(progress, [options.ShopifyOrdersPath, options.CrmOrdersPath, options.WritersPath, options.CrmProfilesPath, options.ShopifyCustomersPath]);

        using var ordersFile = ExportFile.Open("--shopify-orders", options.ShopifyOrdersPath, meter.For("Shopify orders", options.ShopifyOrdersPath));
        using var crmFile = ExportFile.Open("--crm-profiles", options.CrmProfilesPath, meter.For($"{options.Crm} profiles", options.CrmProfilesPath));
        using var shopifyFile = ExportFile.Open("--shopify-customers", options.ShopifyCustomersPath, meter.For("Shopify customers", options.ShopifyCustomersPath));

        // The CRM export's header decides its shape (HubSpot: labels or internal names) before anything is read from it.
        var plan = CrmColumnPlan.For(_manifest, options.Crm)
            .WithShape(StandardCrmColumns.Of(options.Crm).Detect(crmFile.Header.Names))
            .WithPreset(preset)
            .Mapped(options.CrmColumns)
            .Fitted(crmFile.Header, labels);

        Dictionary<DateOnly, long>? synced = null;
        if (options.CrmOrdersPath is { } crmOrdersPath)
        {
            using var crmOrdersFile = ExportFile.Open("--crm-orders", crmOrdersPath, meter.For("CRM order events", crmOrdersPath));
            synced = CrmOrderEvents.PerDay(crmOrdersFile, log);
        }

        Dictionary<string, SortedSet<string>>? writers = null;
        if (options.WritersPath is { } writersPath)
        {
            if (!File.Exists(writersPath)) throw new AuditInputException($"--writers: file '{writersPath}' does not exist.");
            using var text = new StreamReader(writersPath);
            var rows = new List<MalformedRow>();
            writers = FieldMappingReview.ReadWriters(Path.GetFileName(writersPath), text, rows);
            log.AddRange(rows);
        }

        var seed = options.Seed ?? Random.Shared.Next();
        var aligner = new CustomerAligner(plan.Columns);
        var driftOptions = new DriftOptions
        {
            SampleSize = options.SampleSize,
            Seed = seed,
            MaxExamples = options.MaxExamples,
            IgnoredFields = IgnoredFields(plan),
        };
        var engine = new DriftEngine<Customer>(_comparer, aligner.Align, driftOptions);

        // Every header is checked before any long read, so a missing column is reported at once.
        var ordersLog = new MalformedRowLog();
        var ordersIdentity = new IdentityResolver(IdentityRule.CanonicalEmailThenPhone, options.DefaultPhoneRegion);
        var readOrders = ShopifyOrderIndex.Prepare(ordersFile, ordersIdentity, ordersLog);
        var crmRecords = CrmProfileReader.Read(crmFile, options.Crm, plan, identity, new CellValueReader(money), log);
        var ordersDone = new TaskCompletionSource<ShopifyOrderIndex>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shopifyRecords = ShopifyCustomerReader.Read(shopifyFile, identity, ordersDone.Task, plan, new CellValueReader(money), log);

        // The order index and the CRM index do not depend on each other: read them on two cores at once.
        // Each reader has its own identity resolver and malformed-row log; nothing is shared but the meter.
        var ordersTask = Task.Run(readOrders);
        DestinationIndex<Customer> index;
        try
        {
            index = PackedDestinationIndex<Customer, CustomerRecordBuilder.Packed>.Build(crmRecords, static packed => CustomerRecordBuilder.Unpack(packed), driftOptions.MaxListed, crmFile.EstimateRows(70));
        }
        finally
        {
            // Never leave the order reader running on a file about to be disposed.
            ((IAsyncResult)ordersTask).AsyncWaitHandle.WaitOne();
        }
        var orders = ordersTask.GetAwaiter().GetResult();
        ordersDone.SetResult(orders);
        log.AddRange(ordersLog.Listed, ordersLog.Count);

        // The listings are streamed while the engine measures: drifted.csv of a million-customer run is never held.
        using var listing = options.ListingDirectory is { } listingDirectory
            ? new AuditListingWriter(listingDirectory, _comparer, plan.Columns.Where(c => c.OwnedByCrm).Select(c => c.Field).ToHashSet(StringComparer.Ordinal), PlainWords.FieldName, options.Crm)
            : null;
        // Shopify's rows are parsed on one core while the other measures them (see ReadAhead): same records, same order.
        var drift = engine.Run(index, ReadAhead.Of(shopifyRecords), listing);
        var listings = listing?.Complete(index);

        var notes = new List<string>(plan.Notes);
        if (options.SampleSize is { } wanted && drift.PopulationSize < wanted)
            notes.Add($"The export holds {drift.PopulationSize} customers, fewer than the {wanted} asked for: all were measured.");
        if (!drift.WholePopulation) notes.Add($"Re-run with --seed {seed} to draw the same sample.");

        IReadOnlyList<VolumeDay> volume = [];
        if (synced is not null)
        {
            var asOf = options.AsOf ?? orders.LatestOrder ?? DateTimeOffset.UtcNow;
            volume = VolumeReconciler.Reconcile(orders.PlacedPerDay, synced, asOf, new VolumeOptions { WebhookLag = options.WebhookLag });
            notes.Add($"Volume: a day is judged once {options.WebhookLag.TotalHours:0.##} h (webhook lag) have passed after it, as of {asOf:yyyy-MM-dd HH:mm} UTC.");
        }
        else notes.Add("Volume check skipped: pass --crm-orders with the CRM's order events to reconcile orders placed against orders synced.");

        var inputs = new List<KeyValuePair<string, string>>
        {
            new("Shopify customers", options.ShopifyCustomersPath),
            new("Shopify orders", options.ShopifyOrdersPath),
            new($"{options.Crm} profiles", options.CrmProfilesPath),
        };
        if (options.WritersPath is not null) inputs.Add(new("Observed writers", options.WritersPath));
        if (options.CrmOrdersPath is not null) inputs.Add(new("CRM order events", options.CrmOrdersPath));
        if (options.CrmPropertiesPath is not null) inputs.Add(new($"{options.Crm} property list", options.CrmPropertiesPath));

        return new AuditReport
        {
            GeneratedAt = DateTimeOffset.UtcNow,
            Crm = options.Crm,
            Inputs = inputs,
            Drift = drift,
            ContestedFields = FieldMappingReview.Contested(_manifest, options.Crm, writers),
            UnownedCustomProperties = FieldMappingReview.UnownedCustomProperties(crmFile.Header.Names, plan.DeclaredProperties, options.Crm),
            Volume = volume,
            MalformedRows = log.Listed,
            MalformedRowCount = log.Count,
            Notes = notes,
            Listings = listings,
            // The same words the topology document uses for the field.
            FieldWords = _comparer.FieldNames.Distinct(StringComparer.Ordinal).ToDictionary(n => n, PlainWords.FieldName, StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Writes <c>audit.md</c>, <c>audit.html</c> and <c>audit.json</c> into <paramref name="directory"/>. The
    /// pages name the listing files as their neighbours: listings the run wrote elsewhere are copied here.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="directory">Where the pages go.</param>
    /// <param name="name">The pages' file name: <c>audit</c>, or <c>drift</c> for the live check (same content, same JSON keys).</param>
    /// <returns>The three paths, in that order, then the listings' paths when the run wrote them.</returns>
    public static IReadOnlyList<string> WriteReports(AuditReport report, string directory, string name = "audit")
    {
        Directory.CreateDirectory(directory);
        var listings = report.Listings?.Paths ?? [];
        if (report.Listings is { } written && !SameDirectory(written.Directory, directory))
        {
            listings = AuditListings.FileNames.Select(f => Path.Combine(directory, f)).ToArray();
            foreach (var (from, to) in written.Paths.Zip(listings)) File.Copy(from, to, overwrite: true);
        }
        var md = Path.Combine(directory, name + ".md");
        var html = Path.Combine(directory, name + ".html");
        var json = Path.Combine(directory, name + ".json");
        File.WriteAllText(md, MarkdownReportRenderer.Render(report));
        File.WriteAllText(html, HtmlReportRenderer.Render(report));
        using (var stream = File.Create(json)) JsonReportRenderer.Write(report, stream);
        return [md, html, json, .. listings];
    }

    private static bool SameDirectory(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    private FieldSet IgnoredFields(CrmColumnPlan plan) =>
        FieldSet.Of(Enumerable.Range(0, _comparer.FieldNames.Count).Where(i => !plan.Columns.Any(c => c.Field == _comparer.FieldNames[i])));

    /// <summary>Turns per-file byte positions into one progress figure across all inputs (files may be read in parallel).</summary>
    private sealed class ByteMeter
    {
        private readonly IProgress<AuditProgress>? _progress;
        private readonly long _total;
        private readonly List<long[]> _positions = [];

        public ByteMeter(IProgress<AuditProgress>? progress, IEnumerable<string?> paths)
        {
            _progress = progress;
            _total = paths.Where(p => p is not null && File.Exists(p)).Sum(p => new FileInfo(p!).Length);
        }

        public Action<long>? For(string stage, string path)
        {
            if (_progress is null) return null;
            var length = File.Exists(path) ? new FileInfo(path).Length : 0;
            var slot = new long[1];
            lock (_positions) _positions.Add(slot);
            return position =>
            {
                Interlocked.Exchange(ref slot[0], Math.Min(position, length));
                long done;
                lock (_positions) done = _positions.Sum(p => Interlocked.Read(ref p[0]));
                _progress.Report(new AuditProgress(stage, done, _total));
            };
        }
    }
}
