using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SignalFidelity.EndToEnd.Tests;

/// <summary>
/// A copy of topology/SignalFidelity.Topology in a temporary folder, with its project references
/// rewritten to the repository's projects, built with the real command-line compiler. A build that
/// does not load the analyzer (CS9057, a wrong path) reports no SF error and fails these tests.
/// </summary>
internal sealed partial class TopologyBuild : IDisposable
{
    private readonly string root;
    private readonly string[] buildProperties;

    private TopologyBuild(string root, params string[] buildProperties)
    {
        this.root = root;
        this.buildProperties = buildProperties;
    }

    public string ProjectDirectory => Path.Combine(root, "SignalFidelity.Topology");

    public static TopologyBuild CopyDefault()
    {
        var repository = RepositoryRoot();
        var root = Path.Combine(Path.GetTempPath(), "sigfid-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        var source = Path.Combine(repository, "topology", "SignalFidelity.Topology");
        var target = Path.Combine(root, "SignalFidelity.Topology");
        Directory.CreateDirectory(target);

        // Central versions, nullable, warnings-as-errors and the analyzers' severities come from the repository's props and .editorconfig.
        foreach (var file in new[] { "Directory.Build.props", ".editorconfig", "Directory.Packages.props", "global.json", "nuget.config", "NuGet.config" })
        {
            if (File.Exists(Path.Combine(repository, file)))
            {
                File.Copy(Path.Combine(repository, file), Path.Combine(root, file));
            }
        }

        foreach (var file in Directory.GetFiles(source, "*.cs"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        var project = File.ReadAllText(Path.Combine(source, "SignalFidelity.Topology.csproj"));
        project = ProjectReferencePath().Replace(project, match =>
            match.Groups["prefix"].Value + Path.GetFullPath(Path.Combine(source, match.Groups["path"].Value.Replace('\\', Path.DirectorySeparatorChar))) + "\"");
        File.WriteAllText(Path.Combine(target, "SignalFidelity.Topology.csproj"), project);
        return new TopologyBuild(root);
    }

    /// <summary>
    /// A fresh instance of templates/SignalFidelity.Topology, as a store starts its own topology: the template
    /// installed into a private hive (the user's templates untouched), `dotnet new sigfid-topology` run, and the
    /// instance built against this repository's projects through its SignalFidelityRoot property.
    /// </summary>
    public static async Task<TopologyBuild> FromTemplateAsync(params string[] templateArguments)
    {
        var repository = RepositoryRoot();
        var root = Path.Combine(Path.GetTempPath(), "sigfid-template-" + Guid.NewGuid().ToString("N")[..8]);
        var hive = Path.Combine(root, "hive");
        var build = new TopologyBuild(root, "-p:SignalFidelityRoot=" + repository + Path.DirectorySeparatorChar);
        await DotnetAsync(root, ["new", "install", Path.Combine(repository, "templates", "SignalFidelity.Topology"), "--debug:custom-hive", hive]);
        await DotnetAsync(root, ["new", "sigfid-topology", "-o", build.ProjectDirectory, "--debug:custom-hive", hive, .. templateArguments]);
        return build;
    }

    /// <summary>
    /// A project written by `sigfid topology scaffold` (the real CLI, built by this test project), from files of
    /// this repository given relative to its root, and pointed at this repository by the CLI's --root.
    /// </summary>
    public static async Task<TopologyBuild> FromScaffoldAsync(string crm, string crmProfiles, string writers)
    {
        var repository = RepositoryRoot();
        var root = Path.Combine(Path.GetTempPath(), "sigfid-scaffold-" + Guid.NewGuid().ToString("N")[..8]);
        var build = new TopologyBuild(root);
        var cli = Path.Combine(repository, "src", "SignalFidelity.Cli", "bin", TestConfiguration(), "net10.0", "sigfid.dll");
        await DotnetAsync(root, [cli, "topology", "scaffold", "--root", repository, "--crm", crm,
            "--crm-profiles", Path.Combine(repository, crmProfiles), "--writers", Path.Combine(repository, writers), "--out", build.ProjectDirectory]);
        return build;
    }

    public static string RepositoryFile(string relativePath) => Path.Combine(RepositoryRoot(), relativePath);

    private static async Task DotnetAsync(string workingDirectory, IEnumerable<string> arguments)
    {
        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', start.ArgumentList)}: exit code {process.ExitCode}\n{await output}{await error}");
    }

    public string Write(string fileName, string text)
    {
        var path = Path.Combine(ProjectDirectory, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public void Delete(string fileName) => File.Delete(Path.Combine(ProjectDirectory, fileName));

    public string Read(string fileName) => File.ReadAllText(Path.Combine(ProjectDirectory, fileName));

    /// <summary>1-based line of the first occurrence of <paramref name="text"/> in a file of the copy.</summary>
    public int LineOf(string fileName, string text)
    {
        var content = Read(fileName);
        var index = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' not found in {fileName}");
        return content[..index].Count(c => c == '\n') + 1;
    }

    public async Task<BuildResult> BuildAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // No compiler server (it may hold an older analyzer DLL), no lingering MSBuild nodes, and the
        // repository's projects are used as already built rather than rebuilt from here.
        foreach (var argument in new[]
                 {
                     "build", "SignalFidelity.Topology.csproj", "-nologo", "-nodeReuse:false", "-c", TestConfiguration(),
                     "-p:UseSharedCompilation=false", "-p:BuildProjectReferences=false", "-p:RestoreRecursive=false",
                     "-consoleLoggerParameters:NoSummary;ForceNoAlign",
                 }.Concat(buildProperties))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return new BuildResult(process.ExitCode, await output + await error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; a failing cleanup must not hide the result.
        }
    }

    /// <summary>
    /// The configuration these tests were built in (bin/Debug/net10.0/): the repository's analyzer and
    /// generator were built in the same one, and that is the output the copy must find.
    /// </summary>
    private static string TestConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SignalFidelity.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"SignalFidelity.sln not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("(?<prefix><(?:ProjectReference\\s+Include|Import\\s+Project)=\")(?<path>[^\"]+)\"")]
    private static partial Regex ProjectReferencePath();
}

internal sealed partial record BuildResult(int ExitCode, string Output)
{
    /// <summary>Every "file(line,col): error SFxxxx" the build printed, without duplicates.</summary>
    public IReadOnlyList<(string File, int Line, string Id)> Errors(string idPrefix = "SF") =>
        Diagnostic().Matches(Output)
            .Where(m => m.Groups["severity"].Value == "error" && m.Groups["id"].Value.StartsWith(idPrefix, StringComparison.Ordinal))
            .Select(m => (Path.GetFileName(m.Groups["file"].Value.Trim()), int.Parse(m.Groups["line"].Value), m.Groups["id"].Value))
            .Distinct()
            .ToList();

    public bool HasError(string id, string file, int line) => Errors().Contains((file, line, id));

    public string Describe() => $"exit code {ExitCode}\n{Output}";

    [GeneratedRegex(@"^\s*(?<file>[^\r\n]+?)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning) (?<id>[A-Z]+\d+):", RegexOptions.Multiline)]
    private static partial Regex Diagnostic();
}
