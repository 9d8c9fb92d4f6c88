using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Alerts;

/// <summary>What an alert says, stored in the outbox as JSON so a retry sends exactly what the check found.</summary>
/// <remarks>
/// <paramref name="Contested"/>: the customers contested at run time (<see cref="Core.Reports.RunTimeContest.Describe"/>), none in messages queued before it existed.
/// A volume check's message (<see cref="Kind"/> <c>volume</c>) has the shape of its history row (see <see cref="CheckRecord"/>): <paramref name="Sample"/>
/// the orders placed in Shopify on <see cref="Day"/>, <paramref name="Population"/> the orders that reached the CRM, <paramref name="Drifted"/> those
/// missing, <paramref name="DriftPercent"/> the gap; <paramref name="BaselinePercent"/> and <paramref name="AlertPercent"/> are the warning and alert
/// lines in points above the day's usual gap (<see cref="UsualGapPercent"/>).
/// </remarks>
public sealed record AlertMessage(string Kind, string Crm, CheckLevel? From, CheckLevel To, double DriftPercent, double CiLow, double CiHigh,
    long Sample, long Population, long Drifted, double BaselinePercent, double AlertPercent, string ReportPath, DateTimeOffset RanAt,
    IReadOnlyList<string>? Contested = null)
{
    /// <summary>"Contested at run time (drifted again within 2 checks): customer 4: Total spent (...)", or null when none is.</summary>
    [JsonIgnore]
    public string? ContestedLine => Contested is { Count: > 0 } contested
        ? $"Contested at run time (drifted again within {Core.Reports.RunTimeContest.Window} checks, so a writer outside the topology is at work): "
          + string.Join("; ", contested.Take(ContestedShown)) + (contested.Count > ContestedShown ? $"; and {contested.Count - ContestedShown} more in the report" : "")
        : null;

    // A Slack section holds 3,000 characters; the report lists every one.
    private const int ContestedShown = 10;

    /// <summary>The shop the check measured (one worker may serve several); empty for a check no shop was named for.</summary>
    public string Shop { get; init; } = "";

    /// <summary>A volume check's judged day (<c>yyyy-MM-dd</c>, UTC); null for a drift check.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Day { get; init; }

    /// <summary>A volume check's usual gap: the mean gap of the normal days before <see cref="Day"/> (0 without history).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? UsualGapPercent { get; init; }

    private bool IsVolume => Kind == VolumeCheck.Kind;

    /// <summary>"Drift alert: Klaviyo of your-store.myshopify.com at 6.0% (above 5%)", "Volume recovered: ...".</summary>
    [JsonIgnore]
    public string Headline => IsVolume ? VolumeHeadline : DriftHeadline;

    private string DriftHeadline => To switch
    {
        CheckLevel.Alert => $"Drift alert: {Crm}{OfShop} at {Pct(DriftPercent)} (above the {Pct(AlertPercent)} alert line)",
        CheckLevel.Warning => $"Drift warning: {Crm}{OfShop} at {Pct(DriftPercent)} (above the {Pct(BaselinePercent)} baseline)",
        _ => $"Drift recovered: {Crm}{OfShop} back to {Pct(DriftPercent)} (at or below the {Pct(BaselinePercent)} baseline)",
    };

    private string VolumeHeadline => To switch
    {
        CheckLevel.Alert => $"Volume alert: {Crm}{OfShop} is missing {Pct(DriftPercent)} of {Day}'s orders (more than {Points(AlertPercent)} above the usual {Pct(UsualGap)})",
        CheckLevel.Warning => $"Volume warning: {Crm}{OfShop} is missing {Pct(DriftPercent)} of {Day}'s orders (more than {Points(BaselinePercent)} above the usual {Pct(UsualGap)})",
        _ => $"Volume recovered: {Crm}{OfShop} is missing {Pct(DriftPercent)} of {Day}'s orders (within {Points(BaselinePercent)} of the usual {Pct(UsualGap)})",
    };

    private string OfShop => Shop.Length == 0 ? "" : " of " + Shop;

    private double UsualGap => UsualGapPercent ?? 0;

    private string WasLevel => (From ?? CheckLevel.Normal).ToString().ToLowerInvariant();

    /// <summary>The numbers under the headline.</summary>
    [JsonIgnore]
    public string Numbers => IsVolume
        ? $"{Day}: {Count(Sample)} orders placed in Shopify, {Count(Population)} reached {Crm}, {Count(Drifted)} missing (gap {Pct(DriftPercent)}, usual {Pct(UsualGap)}); was {WasLevel}."
        : $"{Count(Drifted)} of {Count(Sample)} customers drifted (95% interval {Pct(CiLow)} to {Pct(CiHigh)}; shop population {Count(Population)}); was {WasLevel}.";

    /// <summary>The headline numbers as label and value, one Slack section field each.</summary>
    [JsonIgnore]
    public IReadOnlyList<(string Label, string Value)> Fields =>
    [
        .. IsVolume
            ? new[] { ("Day", Day ?? ""), ("Orders", $"{Count(Sample)} placed in Shopify, {Count(Population)} reached {Crm}"), ("Gap", $"{Pct(DriftPercent)} (usual {Pct(UsualGap)})") }
            : [("Drift", Pct(DriftPercent)), ("95% interval", $"{Pct(CiLow)} to {Pct(CiHigh)}"), ("Drifted", $"{Drifted} of {Sample}")],
        ("Level", $"{WasLevel} -> {To.ToString().ToLowerInvariant()}"),
    ];

    public string ToJson() => JsonSerializer.Serialize(this);

    public static AlertMessage FromJson(string json) => JsonSerializer.Deserialize<AlertMessage>(json)!;

    public static string Pct(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Points(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " points";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
