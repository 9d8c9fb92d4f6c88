using System.CommandLine;
using SignalFidelity.Cli.Commands;

// Each verb lives in its own file under Commands/ so that the verbs grow independently.
var root = new RootCommand("sigfid: keeps a Shopify store's customer records true in its CRM.")
{
    DemoCommand.Create(),
    AuditCommand.Create(),
    DriftCommand.Create(),
    FidelityCommand.Create(),
    TopologyCommand.Create(),
    SchemaCommand.Create(),
    SandboxCommand.Create(),
    WorkerCommand.Create(),
    DeadLettersCommand.Create(),
    StatusCommand.Create(),
    WebhooksCommand.Create(),
};
var parsed = root.Parse(args);
var exitCode = await parsed.InvokeAsync();
// A command line that does not parse (unknown verb, a value out of range) is unusable input: exit 2, as documented.
return parsed.Errors.Count > 0 ? 2 : exitCode;
