using SignalFidelity.Core.Volume;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Checks;

/// <summary>A volume check as the history keeps it: its last judged day in the check's shape (see <see cref="CheckRecord"/>).</summary>
public static class VolumeHistory
{
    /// <summary>The history row of <paramref name="result"/>, or null when no day shown is judged yet (nothing to keep).</summary>
    public static CheckRecord? RecordOf(VolumeCheckResult result, string reportPath)
    {
        if (result.LastJudged is not { } day) return null;
        var level = day.Level switch { VolumeLevel.Alert => CheckLevel.Alert, VolumeLevel.Warning => CheckLevel.Warning, _ => CheckLevel.Normal };
        return new CheckRecord(0, result.AsOf, VolumeCheck.Kind, result.Crm.ToLowerInvariant(), day.Placed, day.Synced, Math.Max(0, day.Placed - day.Synced),
            day.GapPercent, day.GapPercent, day.GapPercent, level, new Dictionary<string, int>(), reportPath);
    }
}
