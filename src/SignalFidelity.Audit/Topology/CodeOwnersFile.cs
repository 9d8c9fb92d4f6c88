namespace SignalFidelity.Audit.Topology;

/// <summary>
/// The topology block of .github/CODEOWNERS: the declared owner and backup review every change to the
/// topology and its generated documents. Lines outside the block belong to people and are kept as they are.
/// </summary>
public static class CodeOwnersFile
{
    public const string BeginMarker = "# BEGIN sigfid topology (written by `sigfid topology codeowners` from the declared owner and backup; do not edit)";
    public const string EndMarker = "# END sigfid topology";

    /// <summary>The paths the owner and backup review (<c>/reviews/</c>: opening and closing a review window is theirs to approve).</summary>
    public static readonly string[] ReviewedPaths = ["/topology/", "/topology.lock.json", "/docs/topology.md", "/reviews/"];

    public static IReadOnlyList<string> Block(TopologyLock topology)
    {
        var handles = new[] { topology.Owner?.GitHub, topology.Owner?.BackupGitHub }
            .Where(h => !string.IsNullOrWhiteSpace(h))
            .Select(h => h!.StartsWith('@') ? h : "@" + h)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        var lines = new List<string> { BeginMarker };
        if (handles.Count == 0)
        {
            lines.Add("# No GitHub handle is declared: set GitHub and BackupGitHub in [assembly: TopologyOwner(...)].");
        }
        else
        {
            int width = ReviewedPaths.Max(p => p.Length) + 1;
            lines.AddRange(ReviewedPaths.Select(path => path.PadRight(width) + string.Join(' ', handles)));
        }

        lines.Add(EndMarker);
        return lines;
    }

    /// <summary>The whole file with the block replaced, or appended when absent (last match wins in CODEOWNERS).</summary>
    public static string Update(string? existing, TopologyLock topology)
    {
        var lines = (existing ?? string.Empty).Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        int begin = lines.FindIndex(l => l.StartsWith("# BEGIN sigfid topology", StringComparison.Ordinal));
        int end = begin < 0 ? -1 : lines.FindIndex(begin, l => l.StartsWith(EndMarker, StringComparison.Ordinal));
        var block = Block(topology);
        if (begin >= 0 && end > begin)
        {
            lines.RemoveRange(begin, end - begin + 1);
            lines.InsertRange(begin, block);
        }
        else
        {
            if (lines.Count > 0 && lines[^1].Length > 0)
            {
                lines.Add(string.Empty);
            }

            lines.AddRange(block);
        }

        return string.Join('\n', lines) + "\n";
    }
}
