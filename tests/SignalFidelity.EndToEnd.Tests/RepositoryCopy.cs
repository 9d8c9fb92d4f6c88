using System.Diagnostics;
using System.Text;

namespace SignalFidelity.EndToEnd.Tests;

/// <summary>
/// The product's sources (src, topology, analyzers, generators and the build props) copied to a temporary
/// folder without bin/obj, so a test can edit the topology and build and run the whole CLI from the copy,
/// as a developer of a store would on their own clone. The repository itself is never written.
/// </summary>
internal sealed class RepositoryCopy : IDisposable
{
    private static readonly string[] Folders = ["src", "topology", "vendor-schemas", "templates", "analyzers", "generators", "docs", ".github"];
    private static readonly string[] Files = ["Directory.Build.props", ".editorconfig", "Directory.Packages.props", "global.json", "nuget.config", "NuGet.config", "topology.lock.json", "SignalFidelity.sln"];

    private RepositoryCopy(string root) => Root = root;

    public string Root { get; }

    /// <summary>The copy's built CLI.</summary>
    public string SigfidDll => Path.Combine(Root, "src", "SignalFidelity.Cli", "bin", "Debug", "net10.0", "sigfid.dll");

    public static RepositoryCopy Create()
    {
        var repository = Repository.Root;
        var root = Path.Combine(Path.GetTempPath(), "sigfid-repo-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var folder in Folders.Where(f => Directory.Exists(Path.Combine(repository, f))))
        {
            CopyTree(Path.Combine(repository, folder), Path.Combine(root, folder));
        }

        foreach (var file in Files.Where(f => File.Exists(Path.Combine(repository, f))))
        {
            File.Copy(Path.Combine(repository, file), Path.Combine(root, file));
        }

        return new RepositoryCopy(root);
    }

    /// <summary>Inserts <paramref name="member"/> before the closing brace of the record in a topology file.</summary>
    public void AddToTopologyRecord(string fileName, string member)
    {
        var path = Path.Combine(Root, "topology", "SignalFidelity.Topology", fileName);
        var text = File.ReadAllText(path);
        var end = text.LastIndexOf('}');
        File.WriteAllText(path, text[..end] + "\n" + member + "\n" + text[end..]);
    }

    /// <summary>Replaces one exact text of a topology file (it must be there once), as a developer's edit would.</summary>
    public void EditTopology(string fileName, string before, string after)
    {
        var path = Path.Combine(Root, "topology", "SignalFidelity.Topology", fileName);
        var text = File.ReadAllText(path);
        Assert.True(text.Split(before).Length == 2, $"{fileName} must hold '{before}' exactly once");
        File.WriteAllText(path, text.Replace(before, after, StringComparison.Ordinal));
    }

    /// <summary>Runs <c>dotnet</c> in the copy; returns the exit code and everything printed.</summary>
    public async Task<(int ExitCode, string Output)> DotnetAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {timeout}:\n{await output}{await error}");
        }

        return (process.ExitCode, await output + await error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; a failing cleanup must not hide the result.
        }
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopyTree(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }
}

/// <summary>Where the repository and the shared vendor references are.</summary>
internal static class Repository
{
    public static string Root { get; } = Find(d => File.Exists(Path.Combine(d, "SignalFidelity.sln")), "SignalFidelity.sln");

    public static string SharedReference { get; } = Path.Combine(
        Find(d => Directory.Exists(Path.Combine(d, "shared", "reference")), "shared/reference"), "shared", "reference");

    private static string Find(Func<string, bool> holds, string what)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (holds(directory.FullName))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"{what} not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>A child process whose output is collected for the failure message.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
