using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace SignalFidelity.Sandbox.Shopify;

/// <summary>A bulk query: its JSONL is written when it starts and becomes downloadable when it completes.</summary>
public sealed class ShopifyBulkOperation
{
    public required long Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset CompletesAt { get; init; }
    public required byte[] Jsonl { get; init; }
    public required long ObjectCount { get; init; }
    public string Gid => $"gid://shopify/BulkOperation/{Id}";

    public string Status(DateTimeOffset now) => now >= CompletesAt ? "COMPLETED" : "RUNNING";
}

/// <summary>
/// Runs bulk queries over the store. The simulator understands the one shape SignalFidelity asks for
/// (customers, optionally with their orders) and writes Shopify's JSONL: one object per line, children
/// after their parent carrying <c>__parentId</c>.
/// </summary>
public sealed class ShopifyBulkOperations(ShopifyStore store, TimeProvider clock, double objectsPerSecond)
{
    /// <summary>From API 2026-01 a shop runs up to five bulk queries at once.</summary>
    public const int MaxConcurrent = 5;
    private readonly ConcurrentDictionary<long, ShopifyBulkOperation> _operations = new();
    private long _next;

    public ShopifyBulkOperation? Find(long id) => _operations.GetValueOrDefault(id);

    public ShopifyBulkOperation? Start(string query, out string? userError)
    {
        var now = clock.GetUtcNow();
        if (_operations.Values.Count(o => o.Status(now) == "RUNNING") >= MaxConcurrent)
        {
            userError = $"A shop can run at most {MaxConcurrent} bulk query operations at once.";
            return null;
        }
        var node = GraphQlSelection.Parse(query).At("customers", "edges", "node");
        if (node is null)
        {
            userError = "The sandbox runs bulk queries over customers (optionally with orders) only.";
            return null;
        }
        var withOrders = node.Fields.Remove("orders");
        var errors = new List<string>();
        node.Project(ShopifyJson.CustomerShape, "Customer", errors);
        if (errors.Count > 0)
        {
            userError = "Invalid bulk query: " + string.Join("; ", errors);
            return null;
        }
        var text = new StringBuilder();
        long objects = 0;
        foreach (var customer in store.Customers)
        {
            var summary = store.Summary(customer.Id);
            text.Append(node.Project(ShopifyJson.Customer(customer, summary, store.Currency), "Customer", errors)!.ToJsonString()).Append('\n');
            objects++;
            if (!withOrders) continue;
            foreach (var order in store.OrdersOf(customer.Id))
            {
                var line = ShopifyJson.Order(order, store.Currency);
                line["__parentId"] = customer.Gid;
                text.Append(line.ToJsonString()).Append('\n');
                objects++;
            }
        }
        var operation = new ShopifyBulkOperation
        {
            Id = Interlocked.Increment(ref _next),
            CreatedAt = now,
            CompletesAt = now + TimeSpan.FromSeconds(objects / objectsPerSecond),
            Jsonl = Encoding.UTF8.GetBytes(text.ToString()),
            ObjectCount = objects,
        };
        _operations[operation.Id] = operation;
        userError = null;
        return operation;
    }

    public static JsonObject Node(ShopifyBulkOperation op, DateTimeOffset now, string downloadBase)
    {
        var done = op.Status(now) == "COMPLETED";
        return new JsonObject
        {
            ["id"] = op.Gid,
            ["status"] = op.Status(now),
            ["errorCode"] = null,
            ["objectCount"] = (done ? op.ObjectCount : 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["fileSize"] = done ? op.Jsonl.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["url"] = done ? $"{downloadBase}/{op.Id}.jsonl" : null,
            ["partialDataUrl"] = null,
            ["createdAt"] = ShopifyJson.Time(op.CreatedAt),
            ["completedAt"] = done ? ShopifyJson.Time(op.CompletesAt) : null,
        };
    }
}
