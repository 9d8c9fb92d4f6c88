namespace SignalFidelity.Sandbox.Shopify;

/// <summary>A Shopify customer as the simulator holds it. Roll-ups are computed from the orders.</summary>
public sealed class ShopifyCustomerRecord
{
    public required long Id { get; init; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }

    /// <summary>The staff note (GraphQL Admin <c>Customer.note</c>).</summary>
    public string? Note { get; set; }
    public List<string> Tags { get; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Gid => $"gid://shopify/Customer/{Id}";
}

public sealed record ShopifyLineItem(string Title, string Sku, int Quantity, decimal Price);

/// <summary>An order. <see cref="Email"/> is what the buyer typed at checkout, which need not match the customer's address.</summary>
public sealed class ShopifyOrderRecord
{
    public required long Id { get; init; }
    public required int Number { get; init; }
    public required long? CustomerId { get; init; }
    public required string? Email { get; init; }
    public string? Phone { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required decimal Total { get; init; }
    public decimal Refunded { get; set; }
    public string FinancialStatus { get; set; } = "paid";
    public string? FulfillmentStatus { get; set; } = "fulfilled";
    public DateTimeOffset? CancelledAt { get; set; }
    public List<ShopifyLineItem> LineItems { get; init; } = [];

    public string Name => $"#{Number}";
    public string Gid => $"gid://shopify/Order/{Id}";

    /// <summary>What the order adds to lifetime spend: cancelled and voided orders add nothing.</summary>
    public decimal NetSpend => CancelledAt is not null || FinancialStatus == "voided" ? 0 : Total - Refunded;
    public bool Counts => CancelledAt is null && FinancialStatus != "voided";
}

/// <summary>Per-customer facts Shopify derives from orders (its purchasing summary).</summary>
public sealed record ShopifyCustomerSummary(int NumberOfOrders, decimal AmountSpent, ShopifyOrderRecord? LastOrder, DateTimeOffset? FirstOrderDate, decimal RefundedTotal);

/// <summary>The simulated shop: customers and orders, the ground truth every audit is checked against.</summary>
public sealed class ShopifyStore
{
    private readonly Dictionary<long, ShopifyCustomerRecord> _customers = [];
    private readonly List<ShopifyCustomerRecord> _customerOrder = [];
    private readonly List<ShopifyOrderRecord> _orders = [];
    private readonly Dictionary<long, ShopifyOrderRecord> _ordersById = [];
    private readonly Dictionary<long, List<ShopifyOrderRecord>> _ordersByCustomer = [];

    internal Lock Gate { get; } = new();

    public string ShopDomain { get; init; } = "signalfidelity-sandbox.myshopify.com";

    /// <summary>The app's webhook subscriptions (GraphQL <c>webhookSubscriptions</c>).</summary>
    public ShopifyWebhookSubscriptions WebhookSubscriptions { get; } = new();

    /// <summary>The shop's name, as <c>{ shop { name } }</c> answers it.</summary>
    public string ShopName { get; init; } = "SignalFidelity Sandbox";
    public string Currency { get; init; } = "USD";

    public void AddCustomer(ShopifyCustomerRecord customer)
    {
        lock (Gate)
        {
            _customers.Add(customer.Id, customer);
            _customerOrder.Add(customer);
        }
    }

    public void AddOrder(ShopifyOrderRecord order)
    {
        lock (Gate)
        {
            _orders.Add(order);
            _ordersById[order.Id] = order;
            if (order.CustomerId is { } id)
            {
                if (!_ordersByCustomer.TryGetValue(id, out var list)) _ordersByCustomer[id] = list = [];
                list.Add(order);
            }
        }
    }

    /// <summary>
    /// Deletes an order as staff do in the admin (only archived or cancelled orders in the real admin; the simulator
    /// does not check): it leaves the customer's roll-ups, so <c>lastOrder</c> moves back to the one before, and the
    /// customer's <c>updatedAt</c> moves to <paramref name="at"/> (its order totals changed).
    /// </summary>
    /// <returns>False when there is no such order.</returns>
    public bool DeleteOrder(long id, DateTimeOffset at)
    {
        lock (Gate)
        {
            if (!_ordersById.Remove(id, out var order)) return false;
            _orders.Remove(order);
            if (order.CustomerId is { } customerId && _ordersByCustomer.TryGetValue(customerId, out var list))
            {
                list.Remove(order);
                if (_customers.TryGetValue(customerId, out var customer)) customer.UpdatedAt = at;
            }

            return true;
        }
    }

    /// <summary>The order with <paramref name="id"/>, or null (never placed, or deleted).</summary>
    public ShopifyOrderRecord? Order(long id)
    {
        lock (Gate) return _ordersById.GetValueOrDefault(id);
    }

    public IReadOnlyList<ShopifyCustomerRecord> Customers
    {
        get { lock (Gate) return _customerOrder.ToList(); }
    }

    public IReadOnlyList<ShopifyOrderRecord> Orders
    {
        get { lock (Gate) return _orders.ToList(); }
    }

    public ShopifyCustomerRecord? Customer(long id)
    {
        lock (Gate) return _customers.GetValueOrDefault(id);
    }

    public IReadOnlyList<ShopifyOrderRecord> OrdersOf(long customerId)
    {
        lock (Gate) return _ordersByCustomer.TryGetValue(customerId, out var list) ? list.ToList() : [];
    }

    /// <summary>The roll-ups as Shopify reports them (numberOfOrders, amountSpent, lastOrder), as of <paramref name="asOf"/> if given.</summary>
    public ShopifyCustomerSummary Summary(long customerId, DateTimeOffset? asOf = null)
    {
        lock (Gate)
        {
            var orders = _ordersByCustomer.TryGetValue(customerId, out var list) ? list : [];
            var placed = orders.Where(o => asOf is null || o.CreatedAt <= asOf).ToList();
            var counted = placed.Where(o => o.Counts).ToList();
            // The last order is the latest one placed, even if it was later cancelled, as Shopify reports lastOrder.
            var last = placed.MaxBy(o => o.CreatedAt);
            return new ShopifyCustomerSummary(counted.Count, counted.Sum(o => o.NetSpend), last,
                placed.Count == 0 ? null : placed.Min(o => o.CreatedAt), counted.Sum(o => o.Refunded));
        }
    }

    public int CountOrders(DateTimeOffset? from, DateTimeOffset? to)
    {
        lock (Gate) return _orders.Count(o => (from is null || o.CreatedAt >= from) && (to is null || o.CreatedAt < to));
    }
}
