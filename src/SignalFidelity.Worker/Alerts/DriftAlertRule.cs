using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Alerts;

/// <summary>
/// The level of a check against the thresholds, and whether it calls for a message: only a change of level does
/// (into warning, into alert, back to normal), never a level that holds, so a bad week does not page every hour.
/// The first check of a kind is compared with normal: a shop that starts healthy gets no message.
/// </summary>
public static class DriftAlertRule
{
    /// <summary>Normal at or below the baseline, warning up to the alert line, alert above it.</summary>
    public static CheckLevel LevelOf(double driftPercent, AlertOptions options) =>
        driftPercent > options.DriftAlertPercent ? CheckLevel.Alert : driftPercent > options.DriftBaselinePercent ? CheckLevel.Warning : CheckLevel.Normal;

    /// <summary>True when a check at <paramref name="now"/> after one at <paramref name="previous"/> is announced.</summary>
    public static bool Announces(CheckLevel? previous, CheckLevel now) => (previous ?? CheckLevel.Normal) != now;
}
