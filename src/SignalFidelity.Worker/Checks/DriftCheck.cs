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
        var reader = crms.FirstOrDefault(c => c.Crm == options.Crm)
            ?? throw new AuditInputException($"--crm {options.Crm.ToString().ToLowerInvariant()}: {options.Crm} is not connected; set SignalFidelity:{options.Crm}:BaseUrl and its key.");
        if (options.SampleSize is <= 0) throw new AuditInputException("--sample: give a positive number of customers, or 'all'.");
        var live = LiveDriftAudit.For(options.Crm);
        var seed = options.SampleSize is null ? (int?)null : options.Seed ?? Random.Shared.Next();

        var (customers, population) = await ReadShopifyAsync(options.SampleSize, seed, progress, cancellationToken);
        if (population == 0) throw new AuditInputException("Shopify holds no customers: nothing to check.");
        var owner = customers.Select(c => live.ShopifyRecord(NumericId(c.Id), c.Email, c.Phone, c.Node, c.Tags)).ToList();

        var crmRecords = new List<SourceRecord<Customer>>();
        var people = customers.Select(c => new PersonKey(c.Email, c.Phone)).ToList();
        await foreach (var person in reader.ReadAsync(people, options.SampleSize is null, live.CrmProperties, cancellationToken))
        {
            crmRecords.Add(live.CrmRecord(person.Id, person.Email, person.Phone, person.Values));
            if (crmRecords.Count % 500 == 0) progress?.Report(new DriftCheckProgress($"{options.Crm} records", crmRecords.Count, options.SampleSize is null ? null : people.Count));
        }
        progress?.Report(new DriftCheckProgress($"{options.Crm} records", crmRecords.Count, crmRecords.Count));

        var report = live.Measure(owner, crmRecords, population, seed, options.OutputDirectory,
        [
            new("Shopify customers", options.SampleSize is null ? "GraphQL Admin, bulk operation" : "GraphQL Admin, paged read"),
            new($"{options.Crm} profiles", options.Crm + " API"),
        ]);
        var files = AuditRunner.WriteReports(report, options.OutputDirectory, Kind);
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
