using System.Reflection;
using System.Text;
using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Mapping;

namespace SignalFidelity.Audit.Topology.Scaffold;

/// <summary>
/// Phase 1 -> Phase 2 (`sigfid topology scaffold`): turns the audit's inputs (the CRM profile export and the
/// observed-writers inventory) into a topology project whose build fails exactly at the team's decisions:
/// SF0001 at each property the inventory shows with two or more writers (the topology flows into it too, and
/// every observed writer is declared as an <c>[assembly: ExternalWriter]</c>: keep one), and SF0003 at the
/// owner placeholder. The csproj, usings and vendor pins are templates/SignalFidelity.Topology's, embedded.
/// </summary>
public static class TopologyScaffold
{
    /// <summary>The files written, relative to the output folder.</summary>
    public static readonly string[] Files =
        ["SignalFidelity.Topology.csproj", "GlobalUsings.cs", "TopologyOwner.cs", "ExternalWriters.cs", "Consumers.cs", "Customer.cs"];

    /// <summary>Writes the project into <paramref name="outDirectory"/>; returns the contested properties, in order.</summary>
    /// <param name="crm">The CRM the export comes from.</param>
    /// <param name="crmProfilesPath">The CRM's profile export (--crm-profiles).</param>
    /// <param name="writersPath">The observed-writers inventory, CSV property,writer (--writers), or null.</param>
    /// <param name="outDirectory">The folder to write the project into (--out).</param>
    /// <param name="signalFidelityRoot">The SignalFidelity clone the project builds against; null keeps the template's default.</param>
    public static IReadOnlyList<string> Write(SyncSystem crm, string crmProfilesPath, string? writersPath, string outDirectory, string? signalFidelityRoot)
    {
        var fields = ReadFields(crm, crmProfilesPath);
        var writers = writersPath is null ? new Dictionary<string, SortedSet<string>>() : ReadWriters(writersPath);
        var contested = writers.Where(w => w.Value.Count(x => !GovernedWriter.Is(x)) >= 2).Select(w => w.Key).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (Directory.Exists(outDirectory) && Files.Any(f => File.Exists(Path.Combine(outDirectory, f))))
            throw new TopologyInputException($"--out {outDirectory}: already holds a topology project; choose an empty folder.");
        Directory.CreateDirectory(outDirectory);

        var project = Template("SignalFidelity.Topology.csproj");
        if (signalFidelityRoot is not null)
            project = project.Replace(@"$(MSBuildThisFileDirectory)..\..\", Path.GetFullPath(signalFidelityRoot), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(outDirectory, Files[0]), project);
        File.WriteAllText(Path.Combine(outDirectory, Files[1]), Template("GlobalUsings.cs"));
        File.WriteAllText(Path.Combine(outDirectory, Files[2]), ScaffoldSource.Owner(Template("TopologyOwner.cs")));
        File.WriteAllText(Path.Combine(outDirectory, Files[3]), ScaffoldSource.ExternalWriters(crm, writers, contested));
        File.WriteAllText(Path.Combine(outDirectory, Files[4]), ScaffoldSource.Consumers(crm));
        File.WriteAllText(Path.Combine(outDirectory, Files[5]), ScaffoldSource.Customer(crm, fields, writers));
        return contested;
    }

    /// <summary>One field per custom property of the export's header (the CRM's own columns are the CRM's).</summary>
    private static List<ScaffoldField> ReadFields(SyncSystem crm, string path)
    {
        if (!File.Exists(path)) throw new TopologyInputException($"--crm-profiles: file '{path}' does not exist; pass the CRM's profile export (CSV).");
        using var text = new StreamReader(path);
        using var reader = CsvHeader.OpenReader(text);
        var header = new CsvHeader(Path.GetFileName(path), reader);
        var taken = new HashSet<string>(StringComparer.Ordinal) { "Email" };
        return header.Names
            .Where(c => c.Trim().Length > 0 && !StandardCrmColumns.IsStandard(crm, c))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => ScaffoldField.For(c.Trim(), taken))
            .ToList();
    }

    private static Dictionary<string, SortedSet<string>> ReadWriters(string path)
    {
        if (!File.Exists(path)) throw new TopologyInputException($"--writers: file '{path}' does not exist; pass the observed-writers inventory (CSV property,writer).");
        using var text = new StreamReader(path);
        var malformed = new List<MalformedRow>();
        var writers = FieldMappingReview.ReadWriters(Path.GetFileName(path), text, malformed);
        if (malformed.Count > 0)
            throw new TopologyInputException($"--writers {path}: line {malformed[0].Line}: {malformed[0].Problem}; fix the row (header property,writer).");
        return writers;
    }

    private static string Template(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("topology-template/" + file)
            ?? throw new InvalidOperationException($"embedded template file {file} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
