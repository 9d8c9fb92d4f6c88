using System.Text.RegularExpressions;
using SignalFidelity.Core.Mapping;

namespace SignalFidelity.Cli.Tests.Audit;

/// <summary>README.md lists each CRM's own export columns; this keeps the list and the code in step.</summary>
public sealed partial class StandardColumnsReadmeTests
{
    private static string ReadmeBullet(string vendor)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SignalFidelity.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var readme = File.ReadAllText(Path.Combine(dir.FullName, "README.md"));
        var start = readme.IndexOf($"  - **{vendor}** ", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '- **{vendor}**' bullet under unowned custom properties");
        var end = readme.IndexOf("\n  - **", start + 1, StringComparison.Ordinal);
        var endTop = readme.IndexOf("\n- ", start + 1, StringComparison.Ordinal);
        end = end < 0 || (endTop >= 0 && endTop < end) ? endTop : end;
        return Whitespace().Replace(readme[start..end], " ");
    }

    private static IReadOnlyList<string> Backticked(string text) => Code().Matches(text).Select(m => m.Groups[1].Value).ToArray();

    [Fact]
    public void Klaviyo_s_columns_in_the_readme_are_the_code_s()
    {
        var listed = Backticked(ReadmeBullet("Klaviyo")).Where(c => !c.EndsWith(".cs", StringComparison.Ordinal));
        Assert.Equal(KlaviyoProfileExportColumns.All.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HubSpot_s_columns_in_the_readme_are_the_code_s()
    {
        var listed = Backticked(ReadmeBullet("HubSpot")).Where(c => !c.EndsWith(".cs", StringComparison.Ordinal)).ToArray();
        Assert.Equal(HubSpotContactExportColumns.All.Order(StringComparer.Ordinal), listed.Where(c => !c.EndsWith("...", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(HubSpotContactExportColumns.GeneratedPrefixes.Select(p => p + "..."), listed.Where(c => c.EndsWith("...", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();
}
