using System.Text.Json;

namespace SignalFidelity.Core.Reports;

/// <summary>
/// Writes <c>audit.json</c>. The keys the issue fixes (<c>sampleSize</c> ... <c>perField</c>) come first;
/// details follow. Written with <see cref="Utf8JsonWriter"/> so the format is explicit, not reflected.
/// </summary>
public static class JsonReportRenderer
{
    /// <summary>Writes the report to <paramref name="output"/>.</summary>
    public static void Write(AuditReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        var drift = report.Drift;
        json.WriteStartObject();
        json.WriteNumber("sampleSize", drift.SampleSize);
        json.WriteNumber("driftedCount", drift.DriftedCount);
        json.WriteNumber("driftPercent", Round(drift.DriftPercent));
        json.WriteStartArray("driftPercentCi95");
        json.WriteNumberValue(Round(drift.DriftPercentCi95.Low));
        json.WriteNumberValue(Round(drift.DriftPercentCi95.High));
        json.WriteEndArray();
        json.WriteNumber("fidelityPercent", Round(drift.FidelityPercent));
        json.WriteNumber("missingInCrm", drift.MissingCount);
        json.WriteNumber("unreadableInCrm", drift.UnreadableCount);
        json.WriteNumber("duplicatesInCrm", drift.DuplicateCount);
        WriteStrings(json, "contestedFields", report.ContestedFields.Select(c => c.Property));
        WriteStrings(json, "unownedCustomProperties", report.UnownedCustomProperties);
        json.WriteStartObject("perField");
        foreach (var field in drift.PerField) json.WriteNumber(field.Field, field.DriftedCount);
        json.WriteEndObject();

        // perField is keyed by the code names (stable for scripts); the words the pages use are here.
        json.WriteStartObject("fieldWords");
        foreach (var field in drift.PerField) json.WriteString(field.Field, report.InWords(field.Field));
        json.WriteEndObject();
        json.WriteString("crm", report.Crm.ToString());
        json.WriteString("generatedAt", report.GeneratedAt);
        json.WriteNumber("populationSize", drift.PopulationSize);
        json.WriteBoolean("wholePopulation", drift.WholePopulation);
        json.WriteNumber("seed", drift.Seed);
        json.WriteNumber("crmRecords", drift.DestinationRecords);
        json.WriteNumber("crmRecordsWithoutKey", drift.DestinationWithoutKey);
        json.WriteNumber("malformedRowCount", report.MalformedRowCount);

        json.WriteStartArray("contestedFieldDetails");
        foreach (var c in report.ContestedFields)
        {
            json.WriteStartObject();
            json.WriteString("property", c.Property);
            WriteStrings(json, "writers", c.Writers);
            json.WriteString("source", c.Source);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        if (report.ContestedAtRunTime is { } contests)
        {
            // Only a check kept in the history knows the checks before it; the audit of exports writes no such key.
            json.WriteStartArray("contestedAtRunTime");
            foreach (var c in contests)
            {
                json.WriteStartObject();
                json.WriteString("customer", c.CustomerId);
                WriteStrings(json, "fields", c.Fields);
                json.WriteString("earlierCheckAt", c.EarlierCheckAt);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }

        json.WriteStartArray("examples");
        foreach (var e in drift.Examples)
        {
            json.WriteStartObject();
            json.WriteString("id", e.Id);
            json.WriteString("key", e.Key);
            json.WriteStartArray("fields");
            foreach (var f in e.Fields)
            {
                json.WriteStartObject();
                json.WriteString("field", f.Field);
                json.WriteString("owner", f.Expected);
                json.WriteString("other", f.Actual);
                json.WriteBoolean("drifted", f.Drifted);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("missing");
        foreach (var m in drift.Missing)
        {
            json.WriteStartObject();
            json.WriteString("id", m.Id);
            json.WriteString("key", m.Key);
            json.WriteString("reason", m.Reason);
            if (m.NearMatch is not null) json.WriteString("nearMatch", m.NearMatch);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("unreadable");
        foreach (var u in drift.Unreadable)
        {
            json.WriteStartObject();
            json.WriteString("id", u.Id);
            json.WriteString("key", u.Key);
            json.WriteString("file", u.Row.File);
            json.WriteNumber("line", u.Row.Line);
            json.WriteString("problem", u.Row.Problem);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("duplicates");
        foreach (var d in drift.Duplicates)
        {
            json.WriteStartObject();
            json.WriteString("key", d.Key);
            WriteStrings(json, "ids", d.Ids);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        VolumeJson.WriteDays(json, "volume", report.Volume);

        json.WriteStartArray("malformedRows");
        foreach (var r in report.MalformedRows)
        {
            json.WriteStartObject();
            json.WriteString("file", r.File);
            json.WriteNumber("line", r.Line);
            json.WriteString("problem", r.Problem);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteStrings(json, "notes", report.Notes);
        if (report.Listings is { } listings)
        {
            // The complete lists (the arrays above stop at the listing cap): file names relative to this file.
            json.WriteStartObject("listings");
            json.WriteString("drifted", AuditListings.DriftedFile);
            json.WriteNumber("driftedRows", listings.DriftedRows);
            json.WriteString("missing", AuditListings.MissingFile);
            json.WriteString("duplicates", AuditListings.DuplicatesFile);
            json.WriteString("unreadable", AuditListings.UnreadableFile);
            json.WriteEndObject();
        }
        else json.WriteNull("listings");
        json.WriteEndObject();
    }

    // Six decimals: enough for any share of a million records, without binary noise (11.500000000000002).
    private static double Round(double value) => Math.Round(value, 6);

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
