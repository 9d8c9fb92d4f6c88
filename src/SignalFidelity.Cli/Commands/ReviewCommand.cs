using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SignalFidelity.Audit.Reviews;
using SignalFidelity.Audit.Topology;
using SignalFidelity.Cli.Topology;
using SignalFidelity.Connectors.Klaviyo;

namespace SignalFidelity.Cli.Commands;

/// <summary>
/// `sigfid review`: review windows as files under reviews/ (see <see cref="ReviewFolder"/>), so that opening and
/// closing one is a pull request the topology owner approves, and CI fails when one is left overdue.
/// </summary>
public static class ReviewCommand
{
    // New instances per command: an option belongs to the command it is added to.
    private static Option<string?> DirOption() => new("--dir") { Description = "The reviews folder (default: reviews/ of the repository found up from here)." };

    private static Option<string?> AtOption() => new("--at") { Description = "The time to act or judge at, ISO 8601 (default: now)." };

    public static Command Create() => new("review", "Opens, lists, closes and checks the review windows in reviews/.")
    {
        Open(),
        List(),
        Close(),
        Check(),
    };

    private static Command Open()
    {
        Option<string?> at = AtOption(), dir = DirOption();
        var trigger = new Option<string>("--trigger") { Description = "Why: " + string.Join(", ", ReviewTriggers.AllNames) + ".", Required = true };
        trigger.AcceptOnlyFromAmong([.. ReviewTriggers.AllNames]);
        var title = new Option<string>("--title") { Description = "What is reviewed.", Required = true };
        var command = new Command("open", "Writes reviews/<date>-<slug>.md with its trigger, opening time and due time.") { trigger, title, at, dir };
        command.SetAction(parse => Run(parse, at, dir, (folder, now, output) =>
        {
            var kind = ReviewTriggers.Parse(parse.GetValue(trigger)!);
            var window = folder.Open(kind, parse.GetValue(title)!, now, kind == ReviewTrigger.InternalRequest ? OwnerAsReviewer() : null);
            output.WriteLine($"{Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(folder.Directory, window.Id + ".md"))}: opened, due {(window.Due is { } due ? ReviewWindow.Time(due) : "none")}{(window.Reviewer is { } r ? $", reviewer {r}" : string.Empty)}");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        Option<string?> dir = DirOption();
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("list", "Lists the review windows, oldest first.") { format, dir };
        command.SetAction(parse => Run(parse, null, dir, (folder, _, output) =>
        {
            var windows = folder.List();
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(windows.Select(w => new
                {
                    id = w.Id, trigger = w.Trigger.Name(), title = w.Title, opened = w.Opened, due = w.Due,
                    reviewer = w.Reviewer, status = w.Closed is null ? "open" : "closed", closed = w.Closed, decision = w.Decision,
                }), new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }

            foreach (var w in windows)
            {
                var state = w.Closed is { } closed ? $"closed {ReviewWindow.Time(closed)}" : $"open, due {(w.Due is { } due ? ReviewWindow.Time(due) : "none")}";
                output.WriteLine($"{w.Id}  {w.Trigger.Name()}  {state}  {w.Title}");
            }

            return 0;
        }));
        return command;
    }

    private static Command Close()
    {
        Option<string?> at = AtOption(), dir = DirOption();
        var id = new Argument<string>("ID") { Description = "The window's id (its file name without .md)." };
        var decision = new Option<string>("--decision") { Description = "What was decided.", Required = true };
        var command = new Command("close", "Records the decision and closes the window.") { id, decision, at, dir };
        command.SetAction(parse => Run(parse, at, dir, (folder, now, output) =>
        {
            var closed = folder.Close(parse.GetValue(id)!, parse.GetValue(decision)!, now);
            output.WriteLine($"{closed.Id}: closed {ReviewWindow.Time(now)}");
            return 0;
        }));
        return command;
    }

    private static Command Check()
    {
        Option<string?> at = AtOption(), dir = DirOption();
        var command = new Command("check", "Fails (exit 1) on an overdue window, no quarterly review closed in 92 days, or a retired Klaviyo revision; warns 90 days ahead.") { at, dir };
        command.SetAction(parse => Run(parse, at, dir, (folder, now, output) =>
        {
            // The revision the Klaviyo connector sends: the one Klaviyo retires under us.
            var findings = ReviewCheck.Run(folder.List(), now, [KlaviyoRevision.Parse(KlaviyoClient.Revision)]);
            foreach (var finding in findings)
            {
                (finding.IsError ? parse.InvocationConfiguration.Error : output).WriteLine($"{(finding.IsError ? "error" : "warning")}: {finding.Message}");
            }

            var errors = findings.Count(f => f.IsError);
            output.WriteLine(errors == 0 ? $"reviews: ok at {ReviewWindow.Time(now)}" : $"reviews: {errors} problem(s) at {ReviewWindow.Time(now)}");
            return errors == 0 ? 0 : 1;
        }));
        return command;
    }

    private static int Run(ParseResult parse, Option<string?>? atOption, Option<string?> dirOption, Func<ReviewFolder, DateTimeOffset, TextWriter, int> action)
    {
        try
        {
            var at = atOption is not null && parse.GetValue(atOption) is { } text
                ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : throw new ReviewInputException($"--at {text}: not an ISO 8601 time; write it like 2026-12-03T09:00:00Z.")
                : DateTimeOffset.UtcNow;
            var folder = new ReviewFolder(parse.GetValue(dirOption) ?? Path.Combine(RepositoryRoot.Resolve(null), "reviews"));
            return action(folder, at, parse.InvocationConfiguration.Output);
        }
        catch (Exception e) when (e is ReviewInputException or TopologyInputException)
        {
            parse.InvocationConfiguration.Error.WriteLine(e.Message);
            return 2;
        }
    }

    // An internal field request goes through the topology's declared owner.
    private static string OwnerAsReviewer() => ManifestSource.Load(null).Owner is { } owner
        ? owner.GitHub is { } handle ? $"{owner.Name} ({handle})" : owner.Name
        : throw new ReviewInputException("the topology declares no owner to review an internal request; add [assembly: TopologyOwner(...)] in topology/.");
}
