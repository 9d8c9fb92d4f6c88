using Microsoft.AspNetCore.Http;

namespace SignalFidelity.Sandbox.Http;

/// <summary>
/// Which API clients (by User-Agent) wrote each property of a simulated CRM: the sandbox's ground truth for an
/// observed-writers inventory. The vendors expose this only through change history and app logs, from which an
/// operator reconstructs it; the inventory names a writer the way its client names itself.
/// </summary>
public sealed class PropertyWriterLog
{
    private readonly Dictionary<string, SortedSet<string>> _writers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How a request's client is named: its User-Agent, or "unknown client" when it sends none.</summary>
    public static string ClientOf(HttpContext context) =>
        context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : "unknown client";

    public void Record(string property, string writer)
    {
        lock (_gate)
        {
            if (!_writers.TryGetValue(property, out var set)) _writers[property] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(writer);
        }
    }

    /// <summary>
    /// Starts the inventory afresh: what an operator does when one integration is switched off for another, so the
    /// next audit reads who writes now, not who wrote before the switch.
    /// </summary>
    public void Forget()
    {
        lock (_gate) _writers.Clear();
    }

    /// <summary>Property -> its writers, sorted.</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Snapshot()
    {
        lock (_gate) return _writers.ToDictionary(kv => kv.Key, kv => (IReadOnlyCollection<string>)kv.Value.ToArray(), StringComparer.Ordinal);
    }
}
