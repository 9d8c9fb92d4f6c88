using SignalFidelity.Cli.Demo.Weeks;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Clock;
using SignalFidelity.Sandbox.Naive;
using SignalFidelity.Sandbox.Seeding;

namespace SignalFidelity.Cli.Tests.Demo;

/// <summary>The loyalty app of the demo's weeks: seeded (same seed, same story) and writing through the CRM's own API.</summary>
public sealed class LoyaltyAppWriterTests
{
    private static readonly StoreScenario Scenario = new() { Customers = 120, Seed = 3 };

    [Theory]
    [InlineData(SyncSystem.Klaviyo)]
    [InlineData(SyncSystem.HubSpot)]
    public async Task The_same_seed_overwrites_the_same_customers_with_the_same_values_and_the_CRM_API_reads_them_back(SyncSystem crm)
    {
        var field = OverwrittenField.For(crm);
        var (first, firstAgain) = await RunAsync(crm, field, seed: 11, verify: true);
        var (second, _) = await RunAsync(crm, field, seed: 11, verify: false);
        var (other, _) = await RunAsync(crm, field, seed: 12, verify: false);

        Assert.Equal(first, second);
        Assert.NotEqual(first.Select(o => o.CustomerId), other.Select(o => o.CustomerId));
        Assert.Equal(6, first.Count);
        // The second round leaves out whom the first overwrote: the weekly counts add up to distinct customers.
        Assert.Empty(first.Select(o => o.CustomerId).Intersect(firstAgain.Select(o => o.CustomerId)));
    }

    private static async Task<(IReadOnlyList<LoyaltyOverwrite> First, IReadOnlyList<LoyaltyOverwrite> Next)> RunAsync(SyncSystem crm, OverwrittenField field, int seed, bool verify)
    {
        var clock = new VirtualClock(Scenario.WindowEnd);
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Clock = clock });
        StoreGenerator.Generate(Scenario).LoadInto(sandbox.Shopify.Store);
        var app = new LoyaltyAppWriter(sandbox, crm, field.Property, field.Kind, seed);

        var first = await app.OverwriteAsync(6, new HashSet<long>(), CancellationToken.None);
        var next = await app.OverwriteAsync(6, first.Select(o => o.CustomerId).ToHashSet(), CancellationToken.None);
        if (verify)
        {
            foreach (var o in first)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                var read = await VendorReadBack.CrmValueAsync(sandbox, crm, o.Email, field.Property);
                Assert.True(DemoWeeksTests.SameValue(field.Kind, o.Value, read), $"{o.Email}: wrote {o.Value}, {crm} answers {read}");
            }
            var writers = crm == SyncSystem.Klaviyo ? sandbox.Klaviyo.State.Writers : sandbox.HubSpot.State.Writers;
            Assert.Contains(LoyaltyAppWriter.Agent, writers.Snapshot()[field.Property]);
        }
        return (first, next);
    }
}
