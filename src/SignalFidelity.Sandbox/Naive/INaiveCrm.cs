using System.Text.Json.Nodes;
using SignalFidelity.Sandbox.Clock;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Sandbox.Naive;

/// <summary>What the naive connector pushes for one customer: the facts as of the sync run.</summary>
public sealed record NaiveFacts(string? PrimaryTag, decimal TotalSpent, int OrderCount, DateTimeOffset? LastOrderDate, string? LastOrderPaymentStatus,
    DateTimeOffset? FirstOrderDate, decimal? RefundedTotal);

/// <summary>One profile or contact write: keyed by the address typed at checkout.</summary>
public sealed record NaiveProfile(string Email, string? FirstName, string? LastName, string? Phone, NaiveFacts Facts);

/// <summary>How a write ended, for the connector's counts: a dropped write is never retried.</summary>
public enum NaiveOutcome
{
    Written,
    Throttled,
    Failed,
}

/// <summary>
/// One CRM as the naive connector and the apps beside it talk to it, over real HTTP to the sandbox. Each
/// implementation declares its system; <see cref="NaiveCrms"/> finds it by that.
/// </summary>
internal interface INaiveCrm
{
    SyncSystem System { get; }

    /// <summary>The User-Agent of the vendor's default connector for this CRM, as the CRM's writer log names it.</summary>
    string ConnectorAgent { get; }

    /// <summary>The install-time import of every existing customer (it succeeds), with the clock moved past it.</summary>
    Task BackfillAsync(IReadOnlyList<NaiveProfile> profiles, VirtualClock clock, CancellationToken cancellationToken);

    Task<NaiveOutcome> WriteAsync(NaiveProfile profile, string agent, CancellationToken cancellationToken);

    /// <summary>The order as the CRM's order record or event; dropped on any failure.</summary>
    Task PlacedOrderAsync(ShopifyOrderRecord order, string agent, CancellationToken cancellationToken);

    /// <summary>The loyalty app's write of total spent from its stale cache.</summary>
    Task LoyaltyWriteAsync(string email, decimal staleTotalSpent, string agent, CancellationToken cancellationToken);

    /// <summary>One property of one profile or contact, keyed by email, written as the CRM's API takes it (the outcome, never retried here).</summary>
    Task<NaiveOutcome> WritePropertyAsync(string email, string property, JsonNode value, string agent, CancellationToken cancellationToken);

    /// <summary>Another app's profile write sharing the account's limits.</summary>
    Task OtherAppWriteAsync(string email, string agent);

    /// <summary>Another app's tracking call sharing the account's limits.</summary>
    Task OtherAppEventAsync(string email, string agent);
}

/// <summary>How the naive apps treat an answer: counted, never retried.</summary>
internal static class NaiveSend
{
    /// <summary>The outcome of one write: a 429 throttled, another failure or a lost connection failed.</summary>
    public static async Task<NaiveOutcome> OutcomeOf(Task<HttpResponseMessage> send)
    {
        try
        {
            using var response = await send;
            return (int)response.StatusCode == 429 ? NaiveOutcome.Throttled : response.IsSuccessStatusCode ? NaiveOutcome.Written : NaiveOutcome.Failed;
        }
        catch (HttpRequestException)
        {
            return NaiveOutcome.Failed;
        }
    }

    /// <summary>Sends and forgets: the other apps and the loyalty app do not retry either.</summary>
    public static Task Quietly(Task<HttpResponseMessage> send) => OutcomeOf(send);
}

/// <summary>The naive connector's CRMs, each declaring its own system.</summary>
internal static class NaiveCrms
{
    private static readonly Func<SandboxHost, INaiveCrm>[] Factories = [s => new NaiveKlaviyoCrm(s), s => new NaiveHubSpotCrm(s)];

    public static INaiveCrm For(SyncSystem system, SandboxHost sandbox) =>
        Factories.Select(f => f(sandbox)).FirstOrDefault(c => c.System == system)
        ?? throw new ArgumentOutOfRangeException(nameof(system), system, "the naive connector syncs Klaviyo or HubSpot");
}
