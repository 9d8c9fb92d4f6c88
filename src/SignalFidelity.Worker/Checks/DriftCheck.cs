using SignalFidelity.Audit;
using SignalFidelity.Audit.Live;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Drift;
using SignalFidelity.Topology;

namespace SignalFidelity.Worker.Checks;

/// <summary>
/// The Phase 1 diff read live: customers from Shopify's GraphQL Admin (a seeded sample of the paged read, or every
/// customer through one bulk operation), the same people from the CRM by the identity rule, compared through the
/// generated comparer, reported as the audit reports (<c>drift.md|html|json</c>, <c>drifted.csv</c>). Every read goes
/// through the connectors, so their pacers hold each vendor's limits. A scheduler calls <see cref="RunAsync"/> as
/// the CLI does; what happens with the result (history, alerts) is the caller's.
/// </summary>
public sealed class DriftCheck(ShopifyClient shopify, IEnumerable<ICrmPeopleReader> crms)
{
    /// <summary>The name of the check's pages (<c>drift.html</c>...), and its kind in the history.</summary>
    public const string Kind = "drift";

    /// <summary>Runs one check.</summary>
    /// <exception cref="AuditInputException">The CRM is not connected, Shopify has no customers, or nobody matched.</exception>
    public async Task<DriftCheckResult> RunAsync(DriftCheckOptions options, IProgress<DriftCheckProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var reader = ReaderOf(options.Crm);
        if (options.SampleSize is <= 0) throw new AuditInputException("--sample: give a positive number of customers, or 'all'.");
        var seed = options.SampleSize is null ? (int?)null : options.Seed ?? Random.Shared.Next();

        var live = LiveDriftAudit.For(reader.Crm);
        if (options.SampleSize is null && reader.PagesEveryone)
        {
            // Every customer: the CRM is paged whole, so its read need not wait for Shopify's bulk operation. Both run
            // at once and the check takes as long as the slower vendor's limits allow, not the sum of the two.
            using var bothReads = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // The CRM side reads with its own instance: a measurement's record builder serves one thread.
            var crmRead = Task.Run(() => ReadCrmAsync(reader, LiveDriftAudit.For(reader.Crm), [], everyone: true, progress, bothReads.Token), bothReads.Token);
            List<SourceRecord<Customer>> owner;
            long count;
            try
            {
                var (all, shopSize) = await ReadShopifyAsync(null, null, progress, cancellationToken);
                // Built while Klaviyo is still paging: the CPU is idle there, and the GraphQL nodes are let go early.
                (owner, count) = (OwnerRecords(live, all), shopSize);
            }
            catch
            {
                // Shopify's failure is the check's: stop paging the CRM for nothing, and let its end be observed.
                await bothReads.CancelAsync();
                await Task.WhenAny(crmRead);
                throw;
            }
            var crmRecords = await crmRead;
            if (count == 0) throw new AuditInputException("Shopify holds no customers: nothing to check.");
            return Measure(live, reader.Crm, owner, crmRecords, count, seed: null, options.OutputDirectory, "GraphQL Admin, bulk operation");
        }

        var (customers, population) = await ReadShopifyAsync(options.SampleSize, seed, progress, cancellationToken);
        if (population == 0) throw new AuditInputException("Shopify holds no customers: nothing to check.");
        return await MeasureAsync(reader, live, customers, population, seed, everyone: options.SampleSize is null, options.OutputDirectory,
            options.SampleSize is null ? "GraphQL Admin, bulk operation" : "GraphQL Admin, paged read", progress, cancellationToken);
    }

    /// <summary>
    /// Checks exactly the customers named (numeric or GraphQL ids, as <c>drifted.csv</c> lists them), each read from
    /// Shopify by id: the heal's re-check. A customer Shopify no longer knows is left out (the caller names it).
    /// </summary>
    /// <exception cref="AuditInputException">The CRM is not connected, or none of the customers matched a CRM record.</exception>
    public async Task<DriftCheckResult> RecheckAsync(SyncSystem crm, IReadOnlyList<string> customerIds, string outputDirectory, CancellationToken cancellationToken = default)
    {
        var reader = ReaderOf(crm);
        var customers = new List<ShopifyCustomer>(customerIds.Count);
        foreach (var id in customerIds)
        {
            if (await shopify.GetCustomerAsync(CustomerGid(id), cancellationToken) is { } customer) customers.Add(customer);
        }
        if (customers.Count == 0) throw new AuditInputException("none of the customers to re-check is in Shopify any more.");
        return await MeasureAsync(reader, LiveDriftAudit.For(crm), customers, customers.Count, seed: null, everyone: false, outputDirectory, "GraphQL Admin, by id", null, cancellationToken);
    }

    private ICrmPeopleReader ReaderOf(SyncSystem crm) => crms.FirstOrDefault(c => c.Crm == crm)
        ?? throw new AuditInputException($"--crm {crm.ToString().ToLowerInvariant()}: {crm} is not connected; set SignalFidelity:{crm}:BaseUrl and its key.");

    // The same people from the CRM, measured against Shopify's records, reported into the output directory.
    private static async Task<DriftCheckResult> MeasureAsync(ICrmPeopleReader reader, LiveDriftAudit live, IReadOnlyList<ShopifyCustomer> customers, long population, int? seed,
        bool everyone, string outputDirectory, string shopifyRead, IProgress<DriftCheckProgress>? progress, CancellationToken cancellationToken)
    {
        var people = customers.Select(c => new PersonKey(c.Email, c.Phone)).ToList();
        var crmRecords = await ReadCrmAsync(reader, live, people, everyone, progress, cancellationToken);
        return Measure(live, reader.Crm, OwnerRecords(live, customers), crmRecords, population, seed, outputDirectory, shopifyRead);
    }

    // The CRM's records of the people (or of everyone), as the topology's records.
    private static async Task<List<SourceRecord<Customer>>> ReadCrmAsync(ICrmPeopleReader reader, LiveDriftAudit live, IReadOnlyList<PersonKey> people, bool everyone,
        IProgress<DriftCheckProgress>? progress, CancellationToken cancellationToken)
    {
        var crmRecords = new List<SourceRecord<Customer>>();
        await foreach (var person in reader.ReadAsync(people, everyone, live.CrmProperties, cancellationToken))
        {
            crmRecords.Add(live.CrmRecord(person.Id, person.Email, person.Phone, person.Values));
            if (crmRecords.Count % 500 == 0) progress?.Report(new DriftCheckProgress($"{reader.Crm} records", crmRecords.Count, everyone ? null : people.Count));
        }
        progress?.Report(new DriftCheckProgress($"{reader.Crm} records", crmRecords.Count, crmRecords.Count));
        return crmRecords;
    }

    private static List<SourceRecord<Customer>> OwnerRecords(LiveDriftAudit live, IReadOnlyList<ShopifyCustomer> customers) =>
        customers.Select(c => live.ShopifyRecord(NumericId(c.Id), c.Email, c.Phone, c.Node, c.Tags)).ToList();

    private static DriftCheckResult Measure(LiveDriftAudit live, SyncSystem crm, List<SourceRecord<Customer>> owner, List<SourceRecord<Customer>> crmRecords,
        long population, int? seed, string outputDirectory, string shopifyRead)
    {
        var report = live.Measure(owner, crmRecords, population, seed, outputDirectory,
        [
            new("Shopify customers", shopifyRead),
            new($"{crm} profiles", crm + " API"),
        ]);
        var files = AuditRunner.WriteReports(report, outputDirectory, Kind);
        return new DriftCheckResult(report, files);
    }

    /// <summary>
    /// Shopify's customers: with no sample size every one (bulk operation), else a seeded reservoir sample of the paged
    /// read, so the draw is uniform over the shop and only the sample is held.
    /// </summary>
    private async Task<(IReadOnlyList<ShopifyCustomer> Customers, long Population)> ReadShopifyAsync(int? sampleSize, int? seed, IProgress<DriftCheckProgress>? progress, CancellationToken cancellationToken)
    {
        if (sampleSize is null)
        {
            progress?.Report(new DriftCheckProgress("Shopify bulk operation", 0, null));
            var id = await shopify.StartBulkCustomerExportAsync(includeOrders: false, cancellationToken);
            var operation = await shopify.WaitForBulkOperationAsync(id, TimeSpan.FromMilliseconds(250), cancellationToken);
            var all = new List<ShopifyCustomer>();
            if (operation.Url is not null)
            {
                await foreach (var row in shopify.ReadBulkCustomersAsync(operation.Url, cancellationToken)) all.Add(row.Customer);
            }
            progress?.Report(new DriftCheckProgress("Shopify customers", all.Count, all.Count));
            return (all, all.Count);
        }

        var sampler = new ReservoirSampler<ShopifyCustomer>(sampleSize.Value, seed!.Value);
        await foreach (var customer in shopify.GetCustomersAsync(pageSize: ShopifyClient.MaxCustomersPerPage, cancellationToken: cancellationToken))
        {
            sampler.Offer(customer);
            if (sampler.Seen % 1000 == 0) progress?.Report(new DriftCheckProgress("Shopify customers", sampler.Seen, null));
        }
        return (sampler.Sample.ToList(), sampler.Seen);
    }

    /// <summary>Listings name a customer by the numeric id Shopify's export writes; <c>sigfid heal</c> reads either form.</summary>
    public static string NumericId(string gid) => gid[(gid.LastIndexOf('/') + 1)..];

    /// <summary>The GraphQL id of a customer named by its numeric id or its GraphQL id.</summary>
    public static string CustomerGid(string id) => id.StartsWith("gid://", StringComparison.Ordinal) ? id : "gid://shopify/Customer/" + id.Trim();
}
