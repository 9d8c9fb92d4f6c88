namespace SignalFidelity.Audit.Topology;

/// <summary>
/// The three committed files derived from the compiled topology, relative to the repository root. Each
/// knows its expected text, so `check` compares exactly what `lock`, `doc` and `codeowners` would write.
/// </summary>
public sealed class TopologyArtifacts(string root, TopologyLock topology)
{
    public const string LockPath = "topology.lock.json";
    public const string DocumentPath = "docs/topology.md";
    public const string CodeOwnersPath = ".github/CODEOWNERS";

    public string Root { get; } = root;

    public IReadOnlyList<Artifact> All => [Lock, Document, CodeOwners];

    public Artifact Lock => new(LockPath, "lock", topology.ToJson());

    public Artifact Document => new(DocumentPath, "doc", TopologyDocument.Render(topology));

    // CODEOWNERS keeps every line outside the topology block, so its expected text depends on the file.
    public Artifact CodeOwners => new(CodeOwnersPath, "codeowners", CodeOwnersFile.Update(Read(CodeOwnersPath), topology));

    public string FullPath(Artifact artifact) => Path.Combine(Root, artifact.RelativePath);

    /// <summary>Writes the artifact; true when the file changed.</summary>
    public bool Write(Artifact artifact)
    {
        string path = FullPath(artifact);
        if (Read(artifact.RelativePath) == artifact.Expected)
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, artifact.Expected);
        return true;
    }

    /// <summary>The artifacts whose file is missing or differs from what the compiled topology gives.</summary>
    public IReadOnlyList<Artifact> Stale() =>
        All.Where(a => Read(a.RelativePath) is not { } actual || actual.Replace("\r\n", "\n") != a.Expected).ToList();

    private string? Read(string relativePath)
    {
        string path = Path.Combine(Root, relativePath);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}

/// <summary>One generated file: where it lives, the verb that writes it, and its expected text.</summary>
public sealed record Artifact(string RelativePath, string Verb, string Expected);
