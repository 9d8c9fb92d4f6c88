using BenchmarkDotNet.Attributes;
using SignalFidelity.Topology;

namespace SignalFidelity.Benchmarks.Generator;

/// <summary>
/// The generated Shopify-to-Klaviyo mapper against a hand-written mapping of the same ten fields, in the
/// same run. The generated one must stay within 1.2x of the hand-written one.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class MapperBenchmarks
{
    private readonly Customer _customer = new()
    {
        Email = "ana@example.com",
        Phone = "+15555550100",
        FirstName = "Ana",
        LastName = "Silva",
        TotalSpent = 1234.56m,
        OrderCount = 7,
        LastOrderDate = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
        LastOrderPaymentStatus = "PAID",
        EmailSubscriptionState = "subscribed",
        PrimaryTag = "vip",
    };

    [Benchmark(Baseline = true)]
    public HandWrittenKlaviyoPatch HandWritten() => HandWrittenKlaviyoPatch.From(_customer);

    [Benchmark]
    public CustomerShopifyToKlaviyoPatch Generated() => CustomerShopifyToKlaviyoMapper.Map(_customer);
}

/// <summary>What a developer would write by hand for the same patch: the baseline.</summary>
public sealed class HandWrittenKlaviyoPatch
{
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public decimal TotalSpent { get; init; }
    public int OrderCount { get; init; }
    public DateTimeOffset? LastOrderDate { get; init; }
    public string? LastOrderPaymentStatus { get; init; }

    public static HandWrittenKlaviyoPatch From(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new HandWrittenKlaviyoPatch
        {
            Email = customer.Email,
            Phone = customer.Phone,
            FirstName = customer.FirstName,
            LastName = customer.LastName,
            TotalSpent = customer.TotalSpent,
            OrderCount = customer.OrderCount,
            LastOrderDate = customer.LastOrderDate,
            LastOrderPaymentStatus = customer.LastOrderPaymentStatus,
        };
    }
}
