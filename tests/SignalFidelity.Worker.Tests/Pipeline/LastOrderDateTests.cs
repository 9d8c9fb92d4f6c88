using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Pipeline;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>
/// The last order date when an order goes away: only <c>customers/purchasing_summary</c> says so, by the id of the order
/// that is now the last (<c>lastOrderId</c>), and the worker reads that order's <c>createdAt</c> from Shopify's GraphQL
/// Admin API (the sandbox's <c>order(id:)</c>). What the CRM holds is read back through Klaviyo's Get Profiles.
/// </summary>
public sealed class LastOrderDateTests
{
    private const string Email = "customer1@store.example";

    [Fact]
    public async Task A_deleted_order_moves_the_CRM_last_order_date_back_to_the_order_before()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var (shop, worker) = await StartAsync(sandbox);
        await using var _ = worker;
        var now = WholeSeconds(sandbox.Clock.GetUtcNow());
        var older = shop.PlaceOrder(1, 50m, raiseWebhooks: true, createdAt: now.AddDays(-10));
        await DrainAsync(sandbox, worker);
        var newer = shop.PlaceOrder(1, 70m, raiseWebhooks: true, createdAt: now.AddDays(-1));
        await DrainAsync(sandbox, worker);
        Assert.Equal((120m, 2L, now.AddDays(-1)), await KlaviyoProfileAsync(sandbox));

        shop.DeleteOrder(newer);
        await DrainAsync(sandbox, worker);

        Assert.Equal((50m, 1L, shop.Shopify.Order(older)!.CreatedAt), await KlaviyoProfileAsync(sandbox));
        // One read per order, Shopify's duplicate deliveries included: the older order was read for its own summary and
        // answered from the cache after the deletion.
        var resolver = worker.Services.GetRequiredService<ReferenceResolver>();
        Assert.Equal((2L, 0L), (resolver.Reads, resolver.Unresolved));
        Assert.True(resolver.CacheHits >= 1, $"{resolver.CacheHits} cache hits");
    }

    [Fact]
    public async Task When_Shopify_cannot_be_read_the_totals_arrive_the_date_waits_and_reconciliation_fixes_it()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var (shop, worker) = await StartAsync(sandbox);
        await using var _ = worker;
        var now = WholeSeconds(sandbox.Clock.GetUtcNow());
        // The older order's summary never reached the worker, so nothing of it is cached.
        var older = shop.PlaceOrder(1, 50m, raiseWebhooks: false, createdAt: now.AddDays(-10));
        var newer = shop.PlaceOrder(1, 70m, raiseWebhooks: true, createdAt: now.AddDays(-1));
        await DrainAsync(sandbox, worker);
        Assert.Equal((120m, 2L, now.AddDays(-1)), await KlaviyoProfileAsync(sandbox));

        // Shopify's Admin API answers every request with a 5xx while the order is deleted.
        sandbox.Options.ShopifyFaults.ServerErrorRate = 1;
        shop.DeleteOrder(newer);
        await DrainAsync(sandbox, worker);

        // The totals arrived; the date was not invented from the summary's occurredAt, nor left at a guess: it is unchanged.
        Assert.Equal((50m, 1L, now.AddDays(-1)), await KlaviyoProfileAsync(sandbox));
        var status = await worker.Client.GetFromJsonAsync<JsonElement>("/status");
        Assert.Equal((1L, 0L), (status.GetProperty("referencesUnresolved").GetInt64(), status.GetProperty("deadLetters").GetInt64()));

        sandbox.Options.ShopifyFaults.Clear();
        await worker.Services.GetRequiredService<Reconciler>().RunAsync(full: false, CancellationToken.None);
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: false, TimeSpan.FromSeconds(30));

        Assert.Equal((50m, 1L, shop.Shopify.Order(older)!.CreatedAt), await KlaviyoProfileAsync(sandbox));
    }

    /// <summary>One sandbox customer synced by its customers/create, and the worker on webhooks only (no scheduled pull: reconciliation runs when a test says).</summary>
    private static async Task<(SandboxStore Shop, RunningWorker Worker)> StartAsync(SandboxHost sandbox)
    {
        sandbox.Options.Webhooks.ReorderWindow = TimeSpan.FromMilliseconds(100);
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(1);
        var worker = await RunningWorker.StartAsync(extraArgs: [.. PipelineTests.SandboxArgs(sandbox), "--SignalFidelity:Schedules:Reconciliation=00:00:00"]);
        sandbox.Options.Webhooks.TargetUrl = new Uri(worker.Client.BaseAddress!, "/webhooks/shopify");
        // The customer signed up first: the CRMs know the address from customers/create, so no write needs Shopify to find it.
        var customer = shop.Shopify.Customer(1)!;
        sandbox.RaiseWebhook("customers/create", SandboxDeliveries.CustomerCreated(1, customer.Email!, customer.FirstName!, customer.LastName!, "+15556251101", customer.UpdatedAt));
        await DrainAsync(sandbox, worker);
        return (shop, worker);
    }

    private static async Task DrainAsync(SandboxHost sandbox, RunningWorker worker)
    {
        await sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(30));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: false, TimeSpan.FromSeconds(30));
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    /// <summary>total_spent, order_count and last_order_date as Klaviyo's Get Profiles answers them (filter by email, JSON:API).</summary>
    private static async Task<(decimal Spent, long Orders, DateTimeOffset LastOrder)> KlaviyoProfileAsync(SandboxHost sandbox)
    {
        var properties = await KlaviyoReadBack.PropertiesAsync(sandbox, Email);
        var lastOrder = DateTimeOffset.Parse(properties.GetProperty("last_order_date").GetString()!, CultureInfo.InvariantCulture);
        // Shopify answers createdAt to the second: compare at that precision.
        return (properties.GetProperty("total_spent").GetDecimal(), properties.GetProperty("order_count").GetInt64(),
            WholeSeconds(lastOrder));
    }
}
