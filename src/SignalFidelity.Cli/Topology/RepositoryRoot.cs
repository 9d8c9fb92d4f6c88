using SignalFidelity.Audit.Topology;

namespace SignalFidelity.Cli.Topology;

/// <summary>Finds the repository root: the nearest folder up from a start folder that holds SignalFidelity.sln.</summary>
public static class RepositoryRoot
{
    public const string SolutionFile = "SignalFidelity.sln";

    /// <summary>The nearest folder up from the current one holding the solution, or null outside a clone.</summary>
    public static string? TryResolve()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public static string Resolve(string? explicitRoot)
    {
        if (explicitRoot is not null)
        {
            string full = Path.GetFullPath(explicitRoot);
            if (!Directory.Exists(full))
            {
                throw new TopologyInputException($"--root {explicitRoot}: no such folder.");
            }

            return full;
        }

        return TryResolve() ?? throw new TopologyInputException(
            $"No {SolutionFile} in {Directory.GetCurrentDirectory()} or any folder above it; run inside the repository or pass --root <folder>.");
    }
}
