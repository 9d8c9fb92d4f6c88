using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SignalFidelity.Topology;

namespace SignalFidelity.Benchmarks.Worker;

/// <summary>
/// The generated payload reader (<see cref="CustomerTopology.ReadWebhook"/>, from the topology's
/// <c>[FromWebhook]</c> paths) against the hand-written <see cref="JsonDocument"/> reading it replaced, on
/// the same customers/purchasing_summary body, in the same run. Both parse the body once into a document.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class PayloadReaderBenchmarks
{
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup() => _body = IntakePayloads.PurchasingSummary(42, 3);

    [Benchmark(Baseline = true, Description = "hand-written JsonDocument reader")]
    public Customer HandWritten()
    {
        using var document = JsonDocument.Parse(_body);
        var root = document.RootElement;
        var spent = root.GetProperty("amountSpent").GetProperty("amount");
        return new Customer
        {
            OrderCount = root.GetProperty("numberOfOrders").GetInt32(),
            TotalSpent = spent.ValueKind == JsonValueKind.String
                ? decimal.Parse(spent.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture)
                : spent.GetDecimal(),
        };
    }

    [Benchmark(Description = "generated reader")]
    public Customer Generated()
    {
        using var document = JsonDocument.Parse(_body);
        return CustomerTopology.ReadWebhook("customers/purchasing_summary", document.RootElement)!.Snapshot;
    }
}
