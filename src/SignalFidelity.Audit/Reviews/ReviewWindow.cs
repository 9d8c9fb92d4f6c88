using System.Globalization;
using System.Text;

namespace SignalFidelity.Audit.Reviews;

/// <summary>
/// One review window as a Markdown file under <c>reviews/</c>: a front matter block of <c>key: value</c> lines
/// that the tool reads and writes, and a body for the people reviewing. Being a file, opening and closing a
/// window goes through a pull request that CODEOWNERS sends to the topology owner.
/// </summary>
public sealed record ReviewWindow(
    string Id,
    ReviewTrigger Trigger,
    string Title,
    DateTimeOffset Opened,
    DateTimeOffset? Due,
    string? Reviewer,
    DateTimeOffset? Closed,
    string? Decision,
    string Body)
{
    private const string Fence = "---";

    /// <summary>Closed at or before <paramref name="at"/>.</summary>
    public bool IsClosedAt(DateTimeOffset at) => Closed is { } closed && closed <= at;

    /// <summary>Open at <paramref name="at"/> and past its due time.</summary>
    public bool IsOverdueAt(DateTimeOffset at) => Opened <= at && !IsClosedAt(at) && Due is { } due && due < at;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append(Fence).Append('\n');
        Line(text, "trigger", Trigger.Name());
        Line(text, "title", Title);
        Line(text, "opened", Time(Opened));
        Line(text, "due", Due is { } due ? Time(due) : "none");
        Line(text, "reviewer", Reviewer);
        Line(text, "status", Closed is null ? "open" : "closed");
        Line(text, "closed", Closed is { } closed ? Time(closed) : null);
        Line(text, "decision", Decision);
        text.Append(Fence).Append('\n');
        text.Append(Body);
        return text.ToString();
    }

    /// <summary>Reads a file the tool wrote (or a person edited keeping the front matter).</summary>
    public static ReviewWindow Parse(string id, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        if (lines.Length < 2 || lines[0] != Fence)
        {
            throw new ReviewInputException($"reviews/{id}.md does not start with a '---' front matter block; restore it (see `sigfid review open`).");
        }

        var end = Array.IndexOf(lines, Fence, 1);
        if (end < 0)
        {
            throw new ReviewInputException($"reviews/{id}.md: the front matter block is not closed with '---'.");
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines[1..end])
        {
            var colon = line.IndexOf(':');
            if (colon > 0) fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        string Required(string key) => fields.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new ReviewInputException($"reviews/{id}.md has no '{key}:' line in its front matter.");
        DateTimeOffset? Optional(string key) =>
            fields.TryGetValue(key, out var value) && value.Length > 0 && value != "none" ? ParseTime(id, key, value) : null;

        return new ReviewWindow(
            id,
            ReviewTriggers.Parse(Required("trigger")),
            Required("title"),
            ParseTime(id, "opened", Required("opened")),
            Optional("due"),
            fields.GetValueOrDefault("reviewer") is { Length: > 0 } reviewer ? reviewer : null,
            Optional("closed"),
            fields.GetValueOrDefault("decision") is { Length: > 0 } decision ? decision : null,
            string.Join('\n', lines[(end + 1)..]));
    }

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string id, string key, string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new ReviewInputException($"reviews/{id}.md: '{key}: {value}' is not an ISO 8601 time (for example 2026-12-03T09:00:00Z).");

    private static void Line(StringBuilder text, string key, string? value) =>
        text.Append(key).Append(": ").Append(value?.ReplaceLineEndings(" ") ?? string.Empty).Append('\n');
}
