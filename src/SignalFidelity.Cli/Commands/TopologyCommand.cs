using System.CommandLine;
using SignalFidelity.Audit.Topology;
using SignalFidelity.Audit.Topology.Scaffold;
using SignalFidelity.Cli.Topology;

namespace SignalFidelity.Cli.Commands;

/// <summary>
/// `sigfid topology`: writes and checks the files derived from the compiled topology (lock file, one-page
/// document, CODEOWNERS block) and explains the difference between two lock files.
/// </summary>
public static class TopologyCommand
{
    private static readonly Option<string?> RootOption = new("--root")
    {
        Description = "The repository root (default: the nearest folder up from here holding SignalFidelity.sln).",
        Recursive = true,
    };

    private static readonly Option<string?> AssemblyOption = new("--assembly")
    {
        Description = "A compiled topology assembly to read instead of the one this tool was built with.",
        Recursive = true,
    };

    public static Command Create()
    {
        var command = new Command("topology", "Writes and checks the topology lock file, one-page document and CODEOWNERS.")
        {
            RootOption,
            AssemblyOption,
            Writer("lock", "Writes topology.lock.json, the reviewed record of the compiled topology.", a => [a.Lock]),
            Writer("doc", "Writes docs/topology.md, the one-page topology document.", a => [a.Document]),
            Writer("codeowners", "Writes the topology lines of .github/CODEOWNERS from the declared owner and backup.", a => [a.CodeOwners]),
            Check(),
            Plan(),
            Scaffold(),
        };
        return command;
    }

    private static Command Writer(string name, string description, Func<TopologyArtifacts, Artifact[]> select)
    {
        var command = new Command(name, description);
        command.SetAction(parse => Run(parse, artifacts =>
        {
            foreach (Artifact artifact in select(artifacts))
            {
                bool changed = artifacts.Write(artifact);
                parse.InvocationConfiguration.Output.WriteLine($"{artifact.RelativePath}: {(changed ? "written" : "up to date")}");
            }

            return 0;
        }));
        return command;
    }

    private static Command Check()
    {
        var command = new Command("check", "Fails, naming each stale file, when the lock file, document or CODEOWNERS no longer match the compiled topology.");
        command.SetAction(parse => Run(parse, artifacts =>
        {
            var stale = artifacts.Stale();
            foreach (Artifact artifact in stale)
            {
                parse.InvocationConfiguration.Error.WriteLine(
                    $"{artifact.RelativePath} is stale: it does not match the compiled topology. Run `sigfid topology {artifact.Verb}` and commit it.");
            }

            if (stale.Count == 0)
            {
                parse.InvocationConfiguration.Output.WriteLine(
                    $"Topology files are up to date: {string.Join(", ", artifacts.All.Select(a => a.RelativePath))}.");
            }

            return stale.Count == 0 ? 0 : 1;
        }));
        return command;
    }

    private static Command Plan()
    {
        var from = new Option<string>("--from") { Description = "The lock file before the change.", Required = true };
        var to = new Option<string>("--to") { Description = "The lock file after the change.", Required = true };
        var command = new Command("plan", "Shows the semantic change between two lock files and who must approve it.") { from, to };
        command.SetAction(parse =>
        {
            try
            {
                string fromPath = parse.GetValue(from)!, toPath = parse.GetValue(to)!;
                var plan = TopologyPlan.Between(ReadLock(fromPath, "--from"), ReadLock(toPath, "--to"));
                parse.InvocationConfiguration.Output.Write(plan.Render(fromPath, toPath));
                return 0;
            }
            catch (TopologyInputException e)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }

    private static Command Scaffold()
    {
        var crm = new Option<string>("--crm") { Description = "The CRM the profiles come from.", Required = true };
        crm.AcceptOnlyFromAmong("klaviyo", "hubspot");
        var profiles = new Option<string>("--crm-profiles") { Description = "Klaviyo profile export or HubSpot contact export CSV: one field per custom property of its header.", Required = true };
        var writers = new Option<string?>("--writers") { Description = "Observed writers inventory CSV (property,writer), as for `sigfid audit`." };
        var output = new Option<string>("--out") { Description = "An empty folder for the topology project.", Required = true };
        var command = new Command("scaffold",
            "Writes a topology project from the audit's inputs; its build fails (SF0001, SF0003) at each decision the team must take.")
        { crm, profiles, writers, output };
        command.SetAction(parse =>
        {
            try
            {
                // The project builds against this clone (its analyzer, generator, schemas); outside one, the
                // template's default applies: the project sits at topology/<name> of a clone.
                string? root = parse.GetValue(RootOption) is { } explicitRoot ? RepositoryRoot.Resolve(explicitRoot) : RepositoryRoot.TryResolve();
                string outDirectory = parse.GetValue(output)!;
                var contested = TopologyScaffold.Write(
                    Enum.Parse<SyncSystem>(parse.GetValue(crm)!, ignoreCase: true), parse.GetValue(profiles)!, parse.GetValue(writers), outDirectory, root);
                parse.InvocationConfiguration.Output.WriteLine(
                    $"{outDirectory}: topology project written; `dotnet build` it: SF0003 asks for the owner, SF0001 for the one writer of each of " +
                    $"{contested.Count} contested properties{(contested.Count > 0 ? " (" + string.Join(", ", contested) + ")" : "")}.");
                return 0;
            }
            catch (TopologyInputException e)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }

    private static TopologyLock ReadLock(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new TopologyInputException($"{option} {path}: no such file.");
        }

        return TopologyLock.Parse(File.ReadAllText(path), path);
    }

    private static int Run(ParseResult parse, Func<TopologyArtifacts, int> action)
    {
        try
        {
            string root = RepositoryRoot.Resolve(parse.GetValue(RootOption));
            var topology = TopologyLock.From(ManifestSource.Load(parse.GetValue(AssemblyOption)));
            return action(new TopologyArtifacts(root, topology));
        }
        catch (TopologyInputException e)
        {
            parse.InvocationConfiguration.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
