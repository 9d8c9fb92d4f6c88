using System.Globalization;
using System.Text.Json;
using SignalFidelity.Core.Reports;

namespace SignalFidelity.Worker.Checks;

/// <summary>Writes <c>volume.json</c>: the verdict and its thresholds first, then every day shown.</summary>
public static class VolumeReportWriter
{
    /// <summary>The file name in the report folder.</summary>
    public const string FileName = "volume.json";

    /// <summary>Writes the report into <paramref name="directory"/> (created when missing) and returns the file's path.</summary>
    public static string Write(VolumeCheckResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("level", VolumeJson.Level(result.Level));
        if (result.LastJudged is { } last) json.WriteString("lastJudgedDay", last.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); else json.WriteNull("lastJudgedDay");
        json.WriteString("crm", result.Crm);
        json.WriteString("metric", result.Metric);
        json.WriteString("asOf", result.AsOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteNumber("webhookLagHours", result.Options.WebhookLag.TotalHours);
        json.WriteNumber("baselineDays", result.Options.BaselineDays);
        json.WriteNumber("warningPoints", result.Options.WarningPoints);
        json.WriteNumber("alertPoints", result.Options.AlertPoints);
        VolumeJson.WriteDays(json, "days", result.Days);
        json.WriteEndObject();
        return path;
    }
}
