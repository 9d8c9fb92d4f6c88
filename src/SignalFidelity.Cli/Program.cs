using System.CommandLine;
using SignalFidelity.Cli.Commands;
using SignalFidelity.Cli.Terminal;

// Each verb lives in its own file under Commands/ so that the verbs grow independently.
var root = new RootCommand("sigfid: keeps a Shopify store's customer records true in its CRM.")
{
    DemoCommand.Create(),
    AuditCommand.Create(),
    DriftCommand.Create(),
    HealCommand.Create(),
    FidelityCommand.Create(),
    TopologyCommand.Create(),
    SchemaCommand.Create(),
    ReviewCommand.Create(),
    SandboxCommand.Create(),
    WorkerCommand.Create(),
    DeadLettersCommand.Create(),
    StatusCommand.Create(),
    BackupCommand.Create(),
    WebhooksCommand.Create(),
    ReconcileCommand.Create(),
};
root.Options.Add(NoColor.Option);
var parsed = root.Parse(args);
NoColor.ApplyIfRequested(parsed);
var exitCode = await parsed.InvokeAsync();
// A command line that does not parse (unknown verb, a value out of range) is unusable input: exit 2, as documented.
return parsed.Errors.Count > 0 ? 2 : exitCode;
