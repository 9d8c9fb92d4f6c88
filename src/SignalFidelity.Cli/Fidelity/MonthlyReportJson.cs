using System.Text.Json;
using SignalFidelity.Audit.Reviews;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Fidelity;

/// <summary>The monthly page as JSON, the same content as the HTML, written key by key so the format is explicit.</summary>
internal static class MonthlyReportJson
{
    public static void Write(MonthlyReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("month", report.Month.Name);
        json.WriteString("generatedAt", report.GeneratedAt);
        json.WriteNumber("targetFidelityPercent", 98);

        json.WriteStartArray("fidelityTrend");
        foreach (var t in report.Trend)
        {
            json.WriteStartObject();
            json.WriteString("crm", t.Crm);
            json.WriteNumber("checks", t.Checks);
            Number(json, "fidelityPercent", t.Fidelity);
            Number(json, "latestFidelityPercent", t.Latest);
            json.WriteNumber("previousMonthChecks", t.PreviousChecks);
            Number(json, "previousMonthFidelityPercent", t.PreviousFidelity);
            Number(json, "changePoints", t.ChangePoints);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        Checks(json, "checks", report.Checks);
        Checks(json, "previousMonthChecks", report.PreviousChecks);

        json.WriteStartObject("incidents");
        json.WriteStartArray("levelChanges");
        foreach (var change in report.LevelChanges)
        {
            json.WriteStartObject();
            json.WriteString("ranAt", change.Check.RanAt);
            json.WriteString("kind", change.Check.Kind);
            json.WriteString("crm", change.Check.Crm);
            json.WriteString("from", Level(change.From));
            json.WriteString("to", Level(change.Check.Level));
            json.WriteNumber("percent", change.Check.DriftPercent);
            json.WriteString("report", change.Check.ReportPath);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("messages");
        foreach (var a in report.Alerts)
        {
            json.WriteStartObject();
            json.WriteString("channel", a.Alert.Channel);
            json.WriteString("headline", a.Headline);
            json.WriteString("checkRanAt", a.Check.RanAt);
            json.WriteString("status", a.Alert.SentAt is null ? "pending" : "sent");
            if (a.Alert.SentAt is { } sent) json.WriteString("sentAt", sent); else json.WriteNull("sentAt");
            json.WriteNumber("attempts", a.Alert.Attempts);
            if (a.Alert.LastError is { } error) json.WriteString("lastError", error); else json.WriteNull("lastError");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("volumeGaps");
        foreach (var gap in report.VolumeGaps)
        {
            json.WriteStartObject();
            json.WriteString("ranAt", gap.RanAt);
            json.WriteString("crm", gap.Crm);
            json.WriteString("level", Level(gap.Level));
            json.WriteNumber("gapPercent", gap.DriftPercent);
            json.WriteNumber("placed", gap.Sample);
            json.WriteNumber("synced", gap.Population);
            json.WriteNumber("missing", gap.Drifted);
            json.WriteString("report", gap.ReportPath);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("deadLetters");
        json.WriteNumber("total", report.DeadLetters.Sum(d => d.Count));
        json.WriteStartArray("byReason");
        foreach (var d in report.DeadLetters)
        {
            json.WriteStartObject();
            json.WriteString("kind", d.Kind.ToString().ToLowerInvariant());
            json.WriteString("reason", d.Reason);
            if (d.Topic is { } topic) json.WriteString("topic", topic); else json.WriteNull("topic");
            if (d.Destination is { } destination) json.WriteString("destination", destination.ToString()); else json.WriteNull("destination");
            json.WriteNumber("count", d.Count);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("openReviews");
        json.WriteString("asOf", report.ReviewsAt);
        if (report.ReviewsFolder is { } folder) json.WriteString("folder", folder); else json.WriteNull("folder");
        json.WriteStartArray("windows");
        foreach (var w in report.OpenReviews)
        {
            json.WriteStartObject();
            json.WriteString("id", w.Id);
            json.WriteString("trigger", w.Trigger.Name());
            json.WriteString("title", w.Title);
            json.WriteString("opened", w.Opened);
            if (w.Due is { } due) json.WriteString("due", due); else json.WriteNull("due");
            json.WriteBoolean("overdue", w.IsOverdueAt(report.ReviewsAt));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    internal static string Level(CheckLevel level) => level.ToString().ToLowerInvariant();

    private static void Checks(Utf8JsonWriter json, string name, IReadOnlyList<CheckRecord> checks)
    {
        json.WriteStartArray(name);
        foreach (var c in checks)
        {
            json.WriteStartObject();
            json.WriteString("ranAt", c.RanAt);
            json.WriteString("crm", c.Crm);
            json.WriteNumber("sample", c.Sample);
            json.WriteNumber("population", c.Population);
            json.WriteNumber("driftPercent", c.DriftPercent);
            json.WriteNumber("fidelityPercent", Math.Round(100 - c.DriftPercent, 6));
            json.WriteStartArray("driftPercentCi95");
            json.WriteNumberValue(c.CiLow);
            json.WriteNumberValue(c.CiHigh);
            json.WriteEndArray();
            json.WriteString("level", Level(c.Level));
            json.WriteString("report", c.ReportPath);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, v); else json.WriteNull(name);
    }
}
