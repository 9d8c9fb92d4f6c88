using System.Globalization;
using System.Text.Json;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Alerts;

/// <summary>What an alert says, stored in the outbox as JSON so a retry sends exactly what the check found.</summary>
/// <remarks><paramref name="Contested"/>: the customers contested at run time (<see cref="Core.Reports.RunTimeContest.Describe"/>), none in messages queued before it existed.</remarks>
public sealed record AlertMessage(string Kind, string Crm, CheckLevel? From, CheckLevel To, double DriftPercent, double CiLow, double CiHigh,
    long Sample, long Population, long Drifted, double BaselinePercent, double AlertPercent, string ReportPath, DateTimeOffset RanAt,
    IReadOnlyList<string>? Contested = null)
{
    /// <summary>"Contested at run time (drifted again within 2 checks): customer 4: Total spent (...)", or null when none is.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ContestedLine => Contested is { Count: > 0 } contested
        ? $"Contested at run time (drifted again within {Core.Reports.RunTimeContest.Window} checks, so a writer outside the topology is at work): "
          + string.Join("; ", contested.Take(ContestedShown)) + (contested.Count > ContestedShown ? $"; and {contested.Count - ContestedShown} more in the report" : "")
        : null;

    // A Slack section holds 3,000 characters; the report lists every one.
    private const int ContestedShown = 10;

    /// <summary>The shop the check measured (one worker may serve several); empty for a check no shop was named for.</summary>
    public string Shop { get; init; } = "";

    /// <summary>"Drift alert: Klaviyo of your-store.myshopify.com at 6.0% (above 5%)", "Drift recovered: ...".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Headline => To switch
    {
        CheckLevel.Alert => $"Drift alert: {Crm}{OfShop} at {Pct(DriftPercent)} (above the {Pct(AlertPercent)} alert line)",
        CheckLevel.Warning => $"Drift warning: {Crm}{OfShop} at {Pct(DriftPercent)} (above the {Pct(BaselinePercent)} baseline)",
        _ => $"Drift recovered: {Crm}{OfShop} back to {Pct(DriftPercent)} (at or below the {Pct(BaselinePercent)} baseline)",
    };

    private string OfShop => Shop.Length == 0 ? "" : " of " + Shop;

    /// <summary>The numbers under the headline.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Numbers => $"{Drifted.ToString("N0", CultureInfo.InvariantCulture)} of {Sample.ToString("N0", CultureInfo.InvariantCulture)} customers drifted "
        + $"(95% interval {Pct(CiLow)} to {Pct(CiHigh)}; shop population {Population.ToString("N0", CultureInfo.InvariantCulture)}); was {(From ?? CheckLevel.Normal).ToString().ToLowerInvariant()}.";

    public string ToJson() => JsonSerializer.Serialize(this);

    public static AlertMessage FromJson(string json) => JsonSerializer.Deserialize<AlertMessage>(json)!;

    public static string Pct(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
