using System.Globalization;
using System.Text;

namespace SignalFidelity.Audit.Reviews;

/// <summary>
/// The <c>reviews/</c> folder: one <c>&lt;date&gt;-&lt;slug&gt;.md</c> per window. The CLI and the worker (which opens
/// a vendor-change window when Shopify falls forward) both write through here, so the files have one shape.
/// </summary>
public sealed class ReviewFolder(string directory)
{
    /// <summary>The folder, absolute.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Every window, oldest first.</summary>
    public IReadOnlyList<ReviewWindow> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.EnumerateFiles(Directory, "*.md")
            .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .Select(f => ReviewWindow.Parse(Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)))
            .OrderBy(w => w.Opened).ThenBy(w => w.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Writes a new window and returns it; <paramref name="reviewer"/> is required for an internal request.</summary>
    public ReviewWindow Open(ReviewTrigger trigger, string title, DateTimeOffset at, string? reviewer, string? details = null)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new ReviewInputException("--title is empty; say what is reviewed (for example \"Shopify 2025-01 removes order roll-ups from customers/update\").");
        }

        var lastQuarterly = List().Where(w => w.Trigger == ReviewTrigger.Quarterly && w.IsClosedAt(at)).Max(w => w.Closed);
        System.IO.Directory.CreateDirectory(Directory);
        var stem = $"{at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{Slug(title)}";
        var id = stem;
        for (var n = 2; File.Exists(PathOf(id)); n++) id = $"{stem}-{n}";

        var window = new ReviewWindow(id, trigger, title.Trim(), at, trigger.Due(at, lastQuarterly), reviewer, null, null, BodyFor(trigger, title.Trim(), details));
        // CreateNew: two writers racing for one id must not overwrite each other's window.
        using (var stream = new FileStream(PathOf(id), FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(Encoding.UTF8.GetBytes(window.ToMarkdown()));
        }

        return window;
    }

    /// <summary>Closes an open window with the decision taken.</summary>
    public ReviewWindow Close(string id, string decision, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(decision))
        {
            throw new ReviewInputException("--decision is empty; write what was decided, so the file records it.");
        }

        var window = List().FirstOrDefault(w => w.Id == id)
            ?? throw new ReviewInputException($"no review {id} in {Directory}; `sigfid review list` shows the ids.");
        if (window.Closed is not null)
        {
            throw new ReviewInputException($"review {id} was already closed at {ReviewWindow.Time(window.Closed.Value)}.");
        }

        var closed = window with
        {
            Closed = at,
            Decision = decision.Trim(),
            Body = window.Body.TrimEnd('\n') + $"\n\n## Decision ({ReviewWindow.Time(at)})\n\n{decision.Trim()}\n",
        };
        File.WriteAllText(PathOf(id), closed.ToMarkdown());
        return closed;
    }

    private string PathOf(string id) => Path.Combine(Directory, id + ".md");

    private static string BodyFor(ReviewTrigger trigger, string title, string? details) =>
        $"\n# {title}\n\n"
        + (details is null ? string.Empty : details.TrimEnd() + "\n\n")
        + $"Trigger: {trigger.Name()}. Close it with `sigfid review close <id> --decision TEXT` in a pull request.\n";

    /// <summary>Lower-case ASCII words joined by '-', at most 60 characters: stable and safe in every file system.</summary>
    public static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.Trim().ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }

        var text = slug.ToString().Trim('-');
        if (text.Length > 60) text = text[..60].TrimEnd('-');
        return text.Length == 0 ? "review" : text;
    }
}
