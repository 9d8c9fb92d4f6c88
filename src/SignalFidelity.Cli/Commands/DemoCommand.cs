using System.CommandLine;

namespace SignalFidelity.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create() => new("demo", "Seeds a sandbox store, lets the naive connector decay it, audits it, then heals it with the governed worker.");
}
