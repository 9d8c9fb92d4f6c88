using System.Globalization;
using System.Text.Json.Nodes;
using SignalFidelity.Runtime;
using SignalFidelity.Sandbox.Clock;

namespace SignalFidelity.Sandbox.Naive;

/// <summary>One overwrite by the loyalty app: whose profile, and the value it put there (as sent).</summary>
public sealed record LoyaltyOverwrite(long CustomerId, string Email, string Value);

/// <summary>
/// The loyalty app as an undeclared outside writer after the governed worker took over: it keeps writing one CRM
/// property for some of the shop's customers through the CRM's own API (Klaviyo profile import, HubSpot batch upsert,
/// keyed by email, under its own User-Agent), with values from its own cache instead of Shopify's. The caller names the
/// property and its kind (from the topology); which customers and which values come from <c>seed</c>, so the same seed
/// writes the same story. A 429 is waited out and the write sent again: the app is slow, not lossy.
/// </summary>
public sealed class LoyaltyAppWriter
{
    private const int MaxAttempts = 30;
    private readonly SandboxHost _sandbox;
    private readonly INaiveCrm _crm;
    private readonly string _property;
    private readonly FieldValueKind _kind;
    private readonly Random _random;

    public LoyaltyAppWriter(SandboxHost sandbox, SyncSystem crm, string property, FieldValueKind kind, int seed)
    {
        if (!CanWrite(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "the loyalty app writes numbers, timestamps or text");
        _sandbox = sandbox;
        _crm = NaiveCrms.For(crm, sandbox);
        _property = property;
        _kind = kind;
        _random = new Random(seed);
    }

    /// <summary>The User-Agent the CRM's change history names it by.</summary>
    public static string Agent => NaiveScenario.LoyaltyAgent;

    /// <summary>True for the kinds whose cached value almost never equals the owner's by chance (a yes/no would, half the time).</summary>
    public static bool CanWrite(FieldValueKind kind) =>
        kind is FieldValueKind.Decimal or FieldValueKind.Floating or FieldValueKind.Integer or FieldValueKind.Timestamp or FieldValueKind.String;

    /// <summary>
    /// Overwrites the property for <paramref name="count"/> customers with an email drawn at random, leaving out
    /// <paramref name="skip"/> (the ones it overwrote already and nobody healed), and returns what it wrote.
    /// </summary>
    public async Task<IReadOnlyList<LoyaltyOverwrite>> OverwriteAsync(int count, IReadOnlySet<long> skip, CancellationToken cancellationToken)
    {
        var candidates = _sandbox.Shopify.Store.Customers.Where(c => !string.IsNullOrWhiteSpace(c.Email) && !skip.Contains(c.Id)).ToList();
        var written = new List<LoyaltyOverwrite>(count);
        // A partial shuffle: the first `count` of a seeded permutation, without holding the permutation.
        for (var i = 0; i < Math.Min(count, candidates.Count); i++)
        {
            var j = _random.Next(i, candidates.Count);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
            var customer = candidates[i];
            var value = CachedValue();
            await WriteAsync(customer.Email!, value, cancellationToken);
            written.Add(new LoyaltyOverwrite(customer.Id, customer.Email!, value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString()));
        }
        return written;
    }

    // What the app's cache holds for a member: an amount with cents, a points count, an enrolment time or a tier.
    private JsonNode CachedValue() => _kind switch
    {
        FieldValueKind.Decimal or FieldValueKind.Floating => JsonValue.Create(_random.Next(10_000, 500_000) / 100m),
        FieldValueKind.Integer => JsonValue.Create(_random.Next(100, 5_000)),
        FieldValueKind.Timestamp => JsonValue.Create(_sandbox.Clock.GetUtcNow().AddDays(-_random.Next(120, 720)).UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        _ => JsonValue.Create("Loyalty " + (_random.Next(3) switch { 0 => "Bronze", 1 => "Silver", _ => "Gold" })),
    };

    private async Task WriteAsync(string email, JsonNode value, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await _crm.WritePropertyAsync(email, _property, value, Agent, cancellationToken);
            if (outcome == NaiveOutcome.Written) return;
            if (attempt == MaxAttempts) throw new InvalidOperationException($"the loyalty app could not write {_property} for {email}: {outcome} {MaxAttempts} times");
            // On a virtual clock the window only reopens when time moves, so the app moves it as a second of waiting would.
            if (_sandbox.Clock is VirtualClock virtualClock) virtualClock.Advance(TimeSpan.FromSeconds(1));
            else await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
