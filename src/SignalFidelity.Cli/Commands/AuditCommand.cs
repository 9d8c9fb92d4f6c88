using System.CommandLine;

namespace SignalFidelity.Cli.Commands;

internal static class AuditCommand
{
    public static Command Create() => new("audit", "Phase 1 audit: diffs a Shopify export against a CRM export and writes the one-page report.");
}
