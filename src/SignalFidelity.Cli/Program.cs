using System.CommandLine;
using SignalFidelity.Cli.Commands;

// Each verb lives in its own file under Commands/ so that the verbs grow independently.
var root = new RootCommand("sigfid: keeps a Shopify store's customer records true in its CRM.")
{
    DemoCommand.Create(),
    AuditCommand.Create(),
    TopologyCommand.Create(),
    SchemaCommand.Create(),
    SandboxCommand.Create(),
    WorkerCommand.Create(),
    DeadLettersCommand.Create(),
    StatusCommand.Create(),
    WebhooksCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
