using System.CommandLine;
using SignalFidelity.Cli.Commands;

namespace SignalFidelity.Cli.Tests.Topology;

/// <summary>Runs `sigfid topology ...` (and `schema ...`) in process with its output captured, as the shell would see it.</summary>
internal static class CliRun
{
    public static (int ExitCode, string Output, string Error) Topology(params string[] args) => Run(TopologyCommand.Create(), "topology", args);

    /// <summary>Runs `sigfid schema ...` the same way.</summary>
    public static (int ExitCode, string Output, string Error) Schema(params string[] args) => Run(SchemaCommand.Create(), "schema", args);

    /// <summary>Runs `sigfid review ...` the same way.</summary>
    public static (int ExitCode, string Output, string Error) Review(params string[] args) => Run(ReviewCommand.Create(), "review", args);

    private static (int ExitCode, string Output, string Error) Run(Command command, string verb, string[] args)
    {
        var root = new RootCommand { command };
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = root.Parse([verb, .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>A topology project built with the real compiler (analyzer and generator included), as a developer builds it.</summary>
internal static class TopologyProject
{
    /// <summary>The build's exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Build(string project, string output)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["build", project, "-c", "Debug", "-o", output, "-p:UseSharedCompilation=false", "-nologo", "-v:q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "dotnet build of the topology timed out");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>A throwaway folder, deleted at the end of the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("sigfid-topology-").FullName;
    }

    public string Path { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the OS cleans temp eventually.
        }
    }
}

/// <summary>The repository this test runs from, found by walking up to SignalFidelity.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "SignalFidelity.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the repository (no SignalFidelity.sln above " + AppContext.BaseDirectory + ").");
    }

    /// <summary>Copies files and folders (without bin/ and obj/) from the repository into <paramref name="target"/>.</summary>
    public static void CopyTo(string target, params string[] relativePaths)
    {
        foreach (string relative in relativePaths)
        {
            string source = System.IO.Path.Combine(Root, relative);
            string destination = System.IO.Path.Combine(target, relative);
            if (System.IO.File.Exists(source))
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
                System.IO.File.Copy(source, destination, overwrite: true);
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                string inner = System.IO.Path.GetRelativePath(source, file);
                string first = inner.Split(System.IO.Path.DirectorySeparatorChar)[0];
                if (first is "bin" or "obj")
                {
                    continue;
                }

                string to = System.IO.Path.Combine(destination, inner);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
                System.IO.File.Copy(file, to, overwrite: true);
            }
        }
    }
}
