using System.CommandLine;

namespace SignalFidelity.Cli.Commands;

internal static class TopologyCommand
{
    public static Command Create() => new("topology", "Writes and checks the topology lock file, one-page document and CODEOWNERS.");
}
