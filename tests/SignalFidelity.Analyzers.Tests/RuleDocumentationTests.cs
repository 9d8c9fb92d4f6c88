using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

public sealed class RuleDocumentationTests
{
    public static TheoryData<string> Rules => new(RuleIdentifiers.All);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_descriptor_links_to_its_page_in_the_repository(string id)
    {
        var descriptors = AnalyzerRun.All.SelectMany(a => a.SupportedDiagnostics).Where(d => d.Id == id).ToList();

        Assert.NotEmpty(descriptors);
        Assert.All(descriptors, d => Assert.Equal(RuleIdentifiers.GetHelpUri(id), d.HelpLinkUri));
        Assert.EndsWith("/docs/rules/" + id + ".md", RuleIdentifiers.GetHelpUri(id));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_rule_has_a_page_that_explains_it_with_a_bad_and_a_fixed_example(string id)
    {
        var page = Path.Combine(RepositoryPaths.RulesDocs, id + ".md");

        Assert.True(File.Exists(page), $"missing {page}");
        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id, text);
        Assert.Contains("## Why it matters", text);
        Assert.Contains("## Bad", text);
        Assert.Contains("## Fixed", text);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_rule_is_tracked_in_the_unshipped_release(string id)
    {
        var releases = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "analyzers", "SignalFidelity.Analyzers", "AnalyzerReleases.Unshipped.md"));

        Assert.Contains(id + " |", releases);
    }
}
