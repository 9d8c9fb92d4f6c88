using System.CommandLine;

namespace SignalFidelity.Cli.Commands;

internal static class DeadLettersCommand
{
    public static Command Create() => new("deadletters", "Lists and replays dead-lettered deliveries and writes.");
}
