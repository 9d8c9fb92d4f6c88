using System.CommandLine;

namespace SignalFidelity.Cli.Commands;

internal static class SandboxCommand
{
    public static Command Create() => new("sandbox", "Starts the local Shopify, Klaviyo and HubSpot simulators.");
}
