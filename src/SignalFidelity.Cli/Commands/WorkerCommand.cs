using System.CommandLine;

namespace SignalFidelity.Cli.Commands;

internal static class WorkerCommand
{
    public static Command Create() => new("worker", "Runs the webhook receiver and the sync pipeline.");
}
