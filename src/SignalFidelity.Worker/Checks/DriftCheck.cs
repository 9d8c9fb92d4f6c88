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

        var (customers, population) = await ReadShopifyAsync(options.SampleSize, seed, progress, cancellationToken);
        if (population == 0) throw new AuditInputException("Shopify holds no customers: nothing to check.");
        return await MeasureAsync(reader, customers, population, seed, options.SampleSize is null, options.OutputDirectory,
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
        return await MeasureAsync(reader, customers, customers.Count, seed: null, wholeCrm: false, outputDirectory, "GraphQL Admin, by id", null, cancellationToken);
    }

    private ICrmPeopleReader ReaderOf(SyncSystem crm) => crms.FirstOrDefault(c => c.Crm == crm)
        ?? throw new AuditInputException($"--crm {crm.ToString().ToLowerInvariant()}: {crm} is not connected; set SignalFidelity:{crm}:BaseUrl and its key.");

    // The same people from the CRM, measured against Shopify's records, reported into the output directory.
    private static async Task<DriftCheckResult> MeasureAsync(ICrmPeopleReader reader, IReadOnlyList<ShopifyCustomer> customers, long population, int? seed,
        bool wholeCrm, string outputDirectory, string shopifyRead, IProgress<DriftCheckProgress>? progress, CancellationToken cancellationToken)
    {
        var live = LiveDriftAudit.For(reader.Crm);
        var owner = customers.Select(c => live.ShopifyRecord(NumericId(c.Id), c.Email, c.Phone, c.Node, c.Tags)).ToList();

        var crmRecords = new List<SourceRecord<Customer>>();
        var people = customers.Select(c => new PersonKey(c.Email, c.Phone)).ToList();
        await foreach (var person in reader.ReadAsync(people, wholeCrm, live.CrmProperties, cancellationToken))
        {
            crmRecords.Add(live.CrmRecord(person.Id, person.Email, person.Phone, person.Values));
            if (crmRecords.Count % 500 == 0) progress?.Report(new DriftCheckProgress($"{reader.Crm} records", crmRecords.Count, wholeCrm ? null : people.Count));
        }
        progress?.Report(new DriftCheckProgress($"{reader.Crm} records", crmRecords.Count, crmRecords.Count));

        var report = live.Measure(owner, crmRecords, population, seed, outputDirectory,
        [
            new("Shopify customers", shopifyRead),
            new($"{reader.Crm} profiles", reader.Crm + " API"),
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
