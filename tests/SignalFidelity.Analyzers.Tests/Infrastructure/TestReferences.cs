using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SignalFidelity.Analyzers.Tests.Infrastructure;

/// <summary>
/// What every test compilation references: .NET 10 reference assemblies from a package (the test
/// framework would download them otherwise, and nothing is downloadable here) plus the real
/// SignalFidelity.Abstractions assembly the topology is written against.
/// </summary>
internal static class TestReferences
{
    /// <summary>No package to resolve: the references come from <see cref="All"/> instead.</summary>
    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly MetadataReference Abstractions =
        MetadataReference.CreateFromFile(typeof(OwnedByAttribute).Assembly.Location);

    public static IEnumerable<MetadataReference> All =>
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().Append(Abstractions);

    /// <summary>What the SDK's implicit usings plus the topology's own global using give a topology file.</summary>
    public const string GlobalUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using SignalFidelity;\n";
}
