using System.CommandLine;
using System.Diagnostics;
using SignalFidelity.Cli.Audit;
using SignalFidelity.Cli.Demo;
using SignalFidelity.Cli.Demo.Weeks;
using SignalFidelity.Core.Csv;
using Spectre.Console;

namespace SignalFidelity.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create()
    {
        var customers = new Option<int>("--customers") { Description = "Customers in the seeded store (50 or more).", DefaultValueFactory = _ => 5_000 };
        // Refused while parsing, with the option, the value and the range: the story needs enough people to decay.
        customers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var count and < DemoOptions.MinimumCustomers)
            {
                result.AddError($"--customers {count}: the demo needs at least {DemoOptions.MinimumCustomers} customers (allowed: {DemoOptions.MinimumCustomers} or more).");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Seed for the store, the sync run and the audit sample: the same seed replays the same story.", DefaultValueFactory = _ => 42 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the reports (before/ and after/ audit.md|html|json, after/weeks/, after/history.html) and the exports.", DefaultValueFactory = _ => new DirectoryInfo("signalfidelity-demo") };
        var crm = new Option<string>("--crm") { Description = "The CRM the story is told on.", DefaultValueFactory = _ => "klaviyo" };
        crm.AcceptOnlyFromAmong("klaviyo", "hubspot");
        var command = new Command("demo", "Seeds a sandbox store, lets the naive connector decay it through Black Friday, audits it, lets the governed worker heal it and audits again, then runs four weeks of weekly drift checks with alerts and a heal.")
        {
            customers, seed, output, crm,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            var options = new DemoOptions { Customers = parse.GetValue(customers), Seed = parse.GetValue(seed), OutputDirectory = parse.GetValue(output)!.FullName,
                Crm = Enum.Parse<SyncSystem>(parse.GetValue(crm)!, ignoreCase: true) };
            var watch = Stopwatch.StartNew();
            try
            {
                DemoAfterResult? after = null;
                DemoWeeksResult? weeks = null;
                var result = await RunWithProgressAsync(console, options, async (sandbox, clock, progress) =>
                {
                    after = await DemoAfterPhase.RunAsync(sandbox, clock, options, progress, cancellationToken);
                    weeks = await DemoWeeksPhase.RunAsync(sandbox, clock, options, progress, cancellationToken);
                }, cancellationToken);
                var n = result.Naive;
                console.MarkupLine($"Store: [bold]{result.Customers:N0}[/] customers, [bold]{result.Orders:N0}[/] orders over 90 days ending on Black Friday (seed {options.Seed}).");
                console.MarkupLine($"Naive connector: {n.Attempted:N0} profile writes attempted, [red]{n.SkippedOnThrottle:N0} dropped on 429[/] and {n.SkippedOnError:N0} on errors, " +
                                   $"{n.LoyaltyWrites:N0} stale writes by the loyalty app, {n.OtherAppRequests:N0} requests by other apps on the same account.");
                console.MarkupLine($"Exports: [link]{Markup.Escape(result.ExportDirectory)}[/]");
                AuditSummaryTable.Write(console, result.Report, result.ReportFiles);
                if (after is not null) DemoBeforeAfter.Write(console, result, after);
                if (weeks is not null) DemoWeeksSummary.Write(console, weeks);
                console.MarkupLine($"Done in {watch.Elapsed.TotalSeconds:0.0} s.");
                return 0;
            }
            catch (Exception e) when (e is AuditInputException or ArgumentOutOfRangeException)
            {
                console.MarkupLine($"[red]demo: {Markup.Escape(e.Message)}[/]");
                return 2;
            }
        });
        return command;
    }

    private static async Task<DemoBeforeResult> RunWithProgressAsync(IAnsiConsole console, DemoOptions options,
        Func<SignalFidelity.Sandbox.SandboxHost, SignalFidelity.Sandbox.Clock.VirtualClock, IProgress<DemoProgress>, Task> afterAudit, CancellationToken cancellationToken)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            var last = "";
            var finished = new HashSet<string>();
            var plain = new Inline(p =>
            {
                // One line when a stage starts and one when it ends, however often it reports in between.
                lock (finished)
                {
                    if (p.Percent >= 100 ? !finished.Add(p.Stage) : p.Stage == last) return;
                    last = p.Stage;
                }
                console.MarkupLine($"[grey]{Markup.Escape(p.Stage)}{(p.Percent >= 100 ? " done" : "...")} {Markup.Escape(p.Detail ?? "")}[/]");
            });
            return await DemoRunner.RunBeforeAsync(options, plain, (sandbox, clock) => afterAudit(sandbox, clock, plain), cancellationToken);
        }
        DemoBeforeResult? result = null;
        await console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var bars = new Inline(p =>
                {
                    if (!tasks.TryGetValue(p.Stage, out var task)) tasks[p.Stage] = task = context.AddTask(p.Stage, maxValue: 100);
                    task.Value = p.Percent;
                    if (p.Detail is not null) task.Description = $"{p.Stage} [grey]{Markup.Escape(p.Detail)}[/]";
                });
                result = await DemoRunner.RunBeforeAsync(options, bars, (sandbox, clock) => afterAudit(sandbox, clock, bars), cancellationToken);
            });
        return result!;
    }

    private sealed class Inline(Action<DemoProgress> report) : IProgress<DemoProgress>
    {
        public void Report(DemoProgress value) => report(value);
    }
}
