using System.Globalization;
using System.Text.Json.Serialization;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Alerts;

/// <summary>
/// One alert channel as <c>/health</c>, <c>/status</c> and <c>sigfid status</c> show it: the messages it has not taken
/// yet, the most tries any of them had, the last error and when the next try is due.
/// </summary>
/// <param name="Channel">The channel's name (<c>slack</c>, <c>email</c>).</param>
/// <param name="Configured">Whether the settings turn it on (a message queued before it was turned off stays pending).</param>
/// <param name="Pending">Messages not sent yet.</param>
/// <param name="Attempts">The most tries among them.</param>
/// <param name="LastError">The last failure among them, or null.</param>
/// <param name="NextAttemptAt">The earliest next try among them, or null.</param>
/// <param name="Settings">The settings that configure the channel, to check when it keeps failing.</param>
public sealed record AlertChannelStatus(string Channel, bool Configured, int Pending, int Attempts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastError,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? NextAttemptAt,
    [property: JsonIgnore] string Settings)
{
    /// <summary>
    /// Tries after which a pending message makes <c>/health</c> degraded: the first send and its first retry both
    /// failed, so it is no passing blip (a receiver restarting) and a person must look.
    /// </summary>
    public const int FailingAfterAttempts = 2;

    /// <summary>A message is still pending past its first retry.</summary>
    [JsonIgnore]
    public bool Failing => Pending > 0 && Attempts >= FailingAfterAttempts;

    // Where a channel's messages wait when the settings no longer name it.
    private const string AlertsSection = Hosting.WorkerOptions.Section + ":Alerts";

    /// <summary>"ok", or what is pending, the tries, the next try and the last error.</summary>
    public string Describe()
    {
        if (Pending == 0) return Configured ? "ok, nothing pending" : "not configured";
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{Pending} message(s) pending after {Attempts} attempt(s)") };
        if (NextAttemptAt is { } next) parts.Add(string.Create(CultureInfo.InvariantCulture, $"next attempt {next:u}"));
        if (LastError is not null) parts.Add("last error: " + LastError);
        if (!Configured) parts.Add("the channel is no longer configured, so nothing sends them");
        return string.Join(", ", parts);
    }

    /// <summary>The reason <c>/health</c> gives for a failing channel, naming the settings to check.</summary>
    public string HealthReason() => $"alerts: {Channel}: {Describe()}; the checks are stored and the message is retried: check {Settings} and that the receiver answers";

    /// <summary>Every configured channel, and any other with messages still pending, from the outbox.</summary>
    public static async Task<IReadOnlyList<AlertChannelStatus>> ReadAsync(ICheckHistoryStore store, AlertOptions options, CancellationToken cancellationToken)
    {
        var pending = (await store.GetPendingAlertsAsync(cancellationToken)).ToLookup(a => a.Channel, StringComparer.Ordinal);
        var configured = AlertChannels.Configured(options).ToDictionary(c => c.Name, c => c.Settings, StringComparer.Ordinal);
        return configured.Keys.Union(pending.Select(g => g.Key), StringComparer.Ordinal).Select(name =>
        {
            var waiting = pending[name].ToList();
            return new AlertChannelStatus(name, configured.ContainsKey(name), waiting.Count, waiting.Count == 0 ? 0 : waiting.Max(a => a.Attempts),
                waiting.Where(a => a.LastError is not null).Select(a => a.LastError).LastOrDefault(),
                waiting.Count == 0 ? null : waiting.Min(a => a.NextAttemptAt),
                configured.GetValueOrDefault(name) ?? AlertsSection);
        }).ToList();
    }
}
