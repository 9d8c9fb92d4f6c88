using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Refit;
using SignalFidelity.Connectors.Pacing;
using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.Shopify;

/// <summary>
/// Shopify GraphQL Admin: customers page by page or by id, order counts for a date range, bulk exports
/// of customers with their orders, and the tag mutations a CRM-owned field uses to flow back. Every
/// query waits for the cost bucket to afford it (<see cref="ShopifyCostPacer"/>); a throttled answer
/// (HTTP 200 with "Throttled") updates the bucket and waits again rather than failing.
/// </summary>
public sealed partial class ShopifyClient(IShopifyGraphQlApi api, IHttpClientFactory httpClientFactory, ShopifyConnection connection)
{
    public const string ApiVersion = "2026-04";
    public const string Vendor = "Shopify";
    internal const string BulkDownloadClientName = "shopify-bulk-download";

    private readonly ShopifyCostPacer _pacer = new(connection.Clock);
    private readonly string _customersPage = ShopifyQueries.CustomersPage(connection.CustomerSelection);
    private readonly string _customerById = ShopifyQueries.CustomerById(connection.CustomerSelection);
    private readonly ConcurrentDictionary<string, double> _learnedCost = new(StringComparer.Ordinal);
    private long _throttled;

    public ShopifyCostPacer Pacer => _pacer;

    /// <summary>The largest customers page one query may ask for: Shopify refuses a query whose requested cost exceeds 1,000 points.</summary>
    public const int MaxCustomersPerPage = (1000 - 2) / ShopifyQueries.CustomerNodeCost;

    /// <summary>Throttled answers received so far (each was waited out, none lost a query).</summary>
    public long ThrottledAnswers => Interlocked.Read(ref _throttled);

    public async IAsyncEnumerable<ShopifyCustomer> GetCustomersAsync(string? query = null, int pageSize = 50,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        do
        {
            var variables = new Dictionary<string, JsonElement> { ["first"] = Json(pageSize, ShopifyJsonContext.Default.Int32) };
            if (after is not null) variables["after"] = Json(after, ShopifyJsonContext.Default.String);
            if (query is not null) variables["query"] = Json(query, ShopifyJsonContext.Default.String);
            var page = await ExecuteAsync("CustomersPage", _customersPage, variables, 2 + pageSize * ShopifyQueries.CustomerNodeCost,
                ShopifyJsonContext.Default.ShopifyCustomersPageData, cancellationToken);
            foreach (var node in page.Customers.Nodes) yield return CustomerOf(node);
            after = page.Customers.PageInfo.HasNextPage ? page.Customers.PageInfo.EndCursor : null;
        }
        while (after is not null);
    }

    public async Task<ShopifyCustomer?> GetCustomerAsync(string customerGid, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("CustomerById", _customerById,
            new Dictionary<string, JsonElement> { ["id"] = Json(customerGid, ShopifyJsonContext.Default.String) }, ShopifyQueries.CustomerNodeCost,
            ShopifyJsonContext.Default.ShopifyCustomerData, cancellationToken);
        return data.Customer is { ValueKind: JsonValueKind.Object } node ? CustomerOf(node) : null;
    }

    // The typed view serves the connector's own needs; the node itself, with the topology's selection, is kept
    // for the generated reader. A JsonElement deserialized from the answer owns its memory.
    private static ShopifyCustomer CustomerOf(JsonElement node) =>
        node.Deserialize(ShopifyJsonContext.Default.ShopifyCustomer)! with { Node = node };

    /// <summary>Orders created in [<paramref name="from"/>, <paramref name="to"/>): the Shopify side of the daily volume check.</summary>
    public async Task<long> CountOrdersAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var search = string.Create(CultureInfo.InvariantCulture, $"created_at:>='{from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}' created_at:<'{to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}'");
        var data = await ExecuteAsync("OrdersCount", ShopifyQueries.OrdersCount,
            new Dictionary<string, JsonElement> { ["query"] = Json(search, ShopifyJsonContext.Default.String) }, 1,
            ShopifyJsonContext.Default.ShopifyOrdersCountData, cancellationToken);
        return data.OrdersCount.Count;
    }

    /// <summary>The shop's name: a one-point query that proves the access token (the worker's health check).</summary>
    public async Task<string> GetShopNameAsync(CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("ShopName", ShopifyQueries.ShopName, [], 1, ShopifyJsonContext.Default.ShopifyShopData, cancellationToken);
        return data.Shop.Name;
    }

    public Task AddTagsAsync(string customerGid, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        TagsAsync(customerGid, tags, add: true, cancellationToken);

    public Task RemoveTagsAsync(string customerGid, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        TagsAsync(customerGid, tags, add: false, cancellationToken);

    private async Task TagsAsync(string customerGid, IReadOnlyList<string> tags, bool add, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, JsonElement>
        {
            ["id"] = Json(customerGid, ShopifyJsonContext.Default.String),
            ["tags"] = Json(tags.ToList(), ShopifyJsonContext.Default.ListString),
        };
        var operation = add ? "TagsAdd" : "TagsRemove";
        ShopifyTagsPayload payload;
        try
        {
            payload = add
                ? (await ExecuteAsync(operation, ShopifyQueries.TagsAdd, variables, 10, ShopifyJsonContext.Default.ShopifyTagsAddData, cancellationToken)).TagsAdd
                : (await ExecuteAsync(operation, ShopifyQueries.TagsRemove, variables, 10, ShopifyJsonContext.Default.ShopifyTagsRemoveData, cancellationToken)).TagsRemove;
        }
        catch (ConnectorException e) when (e is not ConnectorWriteException<string>)
        {
            throw new ConnectorWriteException<string>(Vendor, operation, e.Reason, e.StatusCode, tags, e) { Refusal = e.Refusal };
        }
        if (payload.UserErrors.Count > 0)
            throw new ConnectorWriteException<string>(Vendor, operation, string.Join("; ", payload.UserErrors.Select(u => u.Message)), 200, tags)
            {
                Refusal = VendorRefusal.Of(200, ["userErrors"], payload.UserErrors.SelectMany(u => u.Field ?? [])),
            };
    }

    /// <summary>Starts a bulk export of every customer (with orders when asked) and returns the operation id.</summary>
    public async Task<string> StartBulkCustomerExportAsync(bool includeOrders, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("BulkCustomersRun", ShopifyQueries.BulkCustomersRun,
            new Dictionary<string, JsonElement> { ["query"] = Json(ShopifyQueries.BulkCustomers(connection.CustomerSelection, includeOrders), ShopifyJsonContext.Default.String) },
            10, ShopifyJsonContext.Default.ShopifyBulkRunData, cancellationToken);
        if (data.BulkOperationRunQuery.UserErrors.Count > 0 || data.BulkOperationRunQuery.BulkOperation is null)
            throw new ConnectorException(Vendor, "bulkOperationRunQuery", string.Join("; ", data.BulkOperationRunQuery.UserErrors.Select(u => u.Message)), 200, null);
        return data.BulkOperationRunQuery.BulkOperation.Id;
    }

    public async Task<ShopifyBulkOperation> GetBulkOperationAsync(string id, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("BulkOperationStatus", ShopifyQueries.BulkOperationStatus,
            new Dictionary<string, JsonElement> { ["id"] = Json(id, ShopifyJsonContext.Default.String) }, 1,
            ShopifyJsonContext.Default.ShopifyBulkStatusData, cancellationToken);
        return data.BulkOperation ?? throw new ConnectorException(Vendor, "bulkOperation", $"bulk operation {id} does not exist", 200, null);
    }

    /// <summary>Polls until the operation finishes; a failed or cancelled one is an error naming its status and code.</summary>
    public async Task<ShopifyBulkOperation> WaitForBulkOperationAsync(string id, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var op = await GetBulkOperationAsync(id, cancellationToken);
            switch (op.Status)
            {
                case "COMPLETED": return op;
                case "FAILED" or "CANCELED" or "CANCELLED" or "EXPIRED":
                    throw new ConnectorException(Vendor, "bulkOperation", $"bulk operation {id} ended {op.Status} ({op.ErrorCode})", 200, null);
            }
            await Task.Delay(pollInterval ?? TimeSpan.FromSeconds(1), connection.Clock, cancellationToken);
        }
    }

    /// <summary>
    /// Streams a bulk result's JSONL and joins each order to its customer by <c>__parentId</c>. Shopify only
    /// promises that a child comes after its parent, so customers are handed out once the file is read.
    /// </summary>
    public async IAsyncEnumerable<ShopifyBulkCustomer> ReadBulkCustomersAsync(string url, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var customers = new List<ShopifyCustomer>();
        var orders = new Dictionary<string, List<ShopifyBulkOrder>>(StringComparer.Ordinal);
        var http = httpClientFactory.CreateClient(BulkDownloadClientName);
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var id = doc.RootElement.GetProperty("id").GetString() ?? throw new FormatException($"Bulk result line {lineNumber} has no id.");
            if (doc.RootElement.TryGetProperty("__parentId", out var parent))
            {
                var order = doc.RootElement.Deserialize(ShopifyJsonContext.Default.ShopifyBulkOrder)!;
                var key = parent.GetString()!;
                if (!orders.TryGetValue(key, out var list)) orders[key] = list = [];
                list.Add(order);
            }
            else if (id.StartsWith("gid://shopify/Customer/", StringComparison.Ordinal))
            {
                customers.Add(CustomerOf(doc.RootElement.Clone()));
            }
        }
        foreach (var customer in customers)
            yield return new ShopifyBulkCustomer(customer, orders.TryGetValue(customer.Id, out var list) ? list : []);
    }

    /// <summary>Run, poll, download and join in one call: every customer with its orders.</summary>
    public async IAsyncEnumerable<ShopifyBulkCustomer> ExportCustomersWithOrdersAsync(TimeSpan? pollInterval = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var id = await StartBulkCustomerExportAsync(includeOrders: true, cancellationToken);
        var op = await WaitForBulkOperationAsync(id, pollInterval, cancellationToken);
        if (op.Url is null) yield break; // an empty shop has no result file
        await foreach (var customer in ReadBulkCustomersAsync(op.Url, cancellationToken)) yield return customer;
    }

    private async Task<TData> ExecuteAsync<TData>(string operation, string query, Dictionary<string, JsonElement> variables, double estimatedCost,
        JsonTypeInfo<TData> dataType, CancellationToken cancellationToken)
    {
        var request = new ShopifyGraphQlRequest { Query = query, OperationName = operation, Variables = variables };
        var cost = _learnedCost.GetValueOrDefault(operation, estimatedCost);
        for (var attempt = 1; ; attempt++)
        {
            await _pacer.ReserveAsync(cost, cancellationToken);
            IApiResponse<ShopifyGraphQlResponse> response;
            ShopifyThrottleStatus? status = null;
            try
            {
                response = await api.ExecuteAsync(request, cancellationToken);
                if (response.Content?.Extensions?.Cost is { } c)
                {
                    if (c.ThrottleStatus is { } t) status = new ShopifyThrottleStatus(t.MaximumAvailable, t.CurrentlyAvailable, t.RestoreRate);
                    if (c.RequestedQueryCost > 0) _learnedCost[operation] = cost = c.RequestedQueryCost;
                }
            }
            catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or ApiException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new ConnectorException(Vendor, operation, "no answer within the retry budget: " + e.Message, null, e);
            }
            finally
            {
                _pacer.Release(cost, status);
            }

            if (!response.IsSuccessStatusCode || response.Content is null)
                throw new ConnectorException(Vendor, operation, $"HTTP {response.Status()}: {response.ErrorContent()}", response.Status(), null)
                {
                    Refusal = VendorRefusal.Of(response.Status(), [], []),
                };
            var errors = response.Content.Errors;
            if (errors is { Count: > 0 } && errors.Any(IsThrottled))
            {
                Interlocked.Increment(ref _throttled);
                if (attempt >= connection.MaxThrottledAttempts)
                    throw new ConnectorException(Vendor, operation, $"throttled {attempt} times in a row", 200, null);
                continue; // the pacer now knows the bucket and waits for it before the next attempt
            }
            if (errors is { Count: > 0 })
                throw new ConnectorException(Vendor, operation, string.Join("; ", errors.Select(e => e.Message)), 200, null)
                {
                    // GraphQL messages may quote the variables (a customer id, a search): logs get the error codes only.
                    Refusal = VendorRefusal.Of(200, errors.Select(CodeOf), []),
                };
            if (response.Content.Data is not { } data || data.ValueKind != JsonValueKind.Object)
                throw new ConnectorException(Vendor, operation, "the answer had no data", 200, null);
            return data.Deserialize(dataType)!;
        }
    }

    private static string? CodeOf(ShopifyGraphQlError error) =>
        error.Extensions?.TryGetValue("code", out var code) == true && code.ValueKind == JsonValueKind.String ? code.GetString() : null;

    private static bool IsThrottled(ShopifyGraphQlError error) =>
        error.Message == "Throttled" || (error.Extensions?.TryGetValue("code", out var code) == true && code.ValueKind == JsonValueKind.String && code.GetString() == "THROTTLED");

    private static JsonElement Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToElement(value, type);
}
