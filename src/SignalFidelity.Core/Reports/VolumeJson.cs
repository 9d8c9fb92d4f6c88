using System.Globalization;
using System.Text.Json;
using SignalFidelity.Core.Volume;

namespace SignalFidelity.Core.Reports;

/// <summary>The volume days as JSON, one shape for <c>audit.json</c>'s <c>volume</c> and <c>volume.json</c>'s <c>days</c>.</summary>
public static class VolumeJson
{
    /// <summary>Writes <paramref name="days"/> as an array named <paramref name="name"/>.</summary>
    public static void WriteDays(Utf8JsonWriter json, string name, IEnumerable<VolumeDay> days)
    {
        json.WriteStartArray(name);
        foreach (var v in days)
        {
            json.WriteStartObject();
            json.WriteString("day", v.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("placed", v.Placed);
            json.WriteNumber("synced", v.Synced);
            json.WriteNumber("gapPercent", Round(v.GapPercent));
            if (v.BaselinePercent is { } b) json.WriteNumber("baselinePercent", Round(b)); else json.WriteNull("baselinePercent");
            json.WriteNumber("deltaPoints", Round(v.DeltaPoints));
            json.WriteString("level", Level(v.Level));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>A level as the reports write it (<c>normal</c>, <c>warning</c>, <c>alert</c>, <c>pending</c>).</summary>
    public static string Level(VolumeLevel level) => level.ToString().ToLowerInvariant();

    private static double Round(double value) => Math.Round(value, 6);
}
