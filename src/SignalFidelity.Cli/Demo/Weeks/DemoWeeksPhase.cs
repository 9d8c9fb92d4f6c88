using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SignalFidelity.Cli.Demo.Worker;
using SignalFidelity.Cli.Fidelity;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Alerts;
using SignalFidelity.Sandbox.Clock;
using SignalFidelity.Sandbox.Naive;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Pipeline;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Demo.Weeks;

/// <summary>
/// The demo's Phase 3, after the audit of the governed worker: four weeks of operation on the virtual clock. Each week
/// the loyalty app (an outside writer the topology does not declare) overwrites one field for some customers through
/// the CRM's API, then the weekly drift check runs at the worker's default schedule (<see cref="DriftCheck"/> over the
/// whole shop, stored and announced by <see cref="DriftAlerts"/> in the worker's store under <c>after/worker/</c>) to a
/// Slack webhook in the sandbox and the local <see cref="SmtpSink"/>. The week the check crosses the alert line the
/// heal loop (<see cref="Healer"/>, through the running worker's pipeline) repairs what it listed, and the next week's
/// check sends the recovery. The history is drawn into <c>after/history.html</c>.
/// </summary>
public static class DemoWeeksPhase
{
    /// <summary>
    /// Share of the shop the loyalty app overwrites each week. It ramps up with a points promotion (so drift rises from
    /// under the 2% baseline, through a warning, over the 5% alert line) and is back to a trickle in week four, when
    /// the heal has cleared what built up: the check sees its small share only, under the baseline, and recovers.
    /// </summary>
    public static readonly IReadOnlyList<double> WeeklyOverwriteShares = [0.01, 0.025, 0.045, 0.005];

    private const double ClockScale = 20;

    public static async Task<DemoWeeksResult> RunAsync(
        SandboxHost sandbox, VirtualClock clock, DemoOptions options, IProgress<DemoProgress>? progress, CancellationToken cancellationToken)
    {
        var afterDirectory = Path.Combine(options.OutputDirectory, "after");
        var field = OverwrittenField.For(options.Crm);
        await using var smtp = SmtpSink.Start();
        // The simulators' rate windows and bulk operations run on the virtual clock; the worker runs in real time.
        await using var pump = new ClockPump(clock, ClockScale);
        // The governed phase's store: the history and the outbox live where the worker keeps them.
        var database = Path.Combine(afterDirectory, "worker", "worker.db");
        await using var worker = await WorkerApp.BuildAsync([.. GovernedWorkerRun.WorkerArgs(sandbox, database), .. AlertArgs(sandbox, smtp)], cancellationToken: cancellationToken);
        await worker.StartAsync(cancellationToken);
        var services = worker.Services;
        var store = services.GetRequiredService<IWorkerStore>();
        var settings = services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        var check = services.GetRequiredService<DriftCheck>();
        var alerts = new DriftAlerts(store, DriftAlerts.ChannelsOf(settings.Alerts, services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(DriftAlerts))), settings.Alerts);
        var healer = new Healer(services.GetRequiredService<Reconciler>(), check, store);
        await GovernedWorkerRun.WaitUntilDrainedAsync(store, requireReconciliation: true, TimeSpan.FromMinutes(2), cancellationToken);

        // The weekly check's default cron (Monday 06:00), read from the worker's settings type, not restated here.
        var schedules = CheckSchedules.From(new WorkerOptions());
        var weekly = schedules.Checks.Single(c => c.Name == ScheduledCheckNames.DriftCheck).Expression;
        var loyaltyApp = new LoyaltyAppWriter(sandbox, options.Crm, field.Property, field.Kind, options.Seed);
        var overwritten = new HashSet<long>(); // overwritten and not healed since
        var weeks = new List<DemoWeek>();
        for (var number = 1; number <= WeeklyOverwriteShares.Count; number++)
        {
            var stage = $"Week {number}: loyalty app, weekly drift check";
            progress?.Report(new DemoProgress(stage, 0));
            var count = Math.Max(1, (int)Math.Round(WeeklyOverwriteShares[number - 1] * options.Customers));
            var writes = await loyaltyApp.OverwriteAsync(count, overwritten, cancellationToken);
            overwritten.UnionWith(writes.Select(w => w.CustomerId));

            // Cron's next occurrence always exists for a weekly expression; the clock jumps to it, as the week passes.
            var dueAt = new DateTimeOffset(weekly.GetNextOccurrence(clock.GetUtcNow().UtcDateTime, schedules.Zone)!.Value, TimeSpan.Zero);
            clock.Set(dueAt);
            var folder = Path.Combine(afterDirectory, "weeks", $"week-{number}");
            var measured = await check.RunAsync(new DriftCheckOptions { Crm = options.Crm, SampleSize = null, OutputDirectory = folder }, null, cancellationToken);
            // Stamped with its due time on the demo's clock (the scheduler names a run by it too): the history and the
            // messages say that week, not the few seconds of real time the whole demo takes.
            measured = measured with { Report = measured.Report with { GeneratedAt = dueAt } };
            var (slackBefore, mailBefore) = (sandbox.Slack.Messages.Count, smtp.Messages.Count);
            var (stored, _) = await alerts.RecordAsync(measured, alert: true, cancellationToken);
            progress?.Report(new DemoProgress(stage, 60, $"{stored.Level.ToString().ToLowerInvariant()} at {AlertMessage.Pct(stored.DriftPercent)}"));

            HealResult? heal = null;
            if (stored.Level == CheckLevel.Alert)
            {
                // The operator's answer to the alert, as `sigfid heal --from drifted.csv`: the worker's pipeline re-sends Shopify's values.
                progress?.Report(new DemoProgress($"Week {number}: healing", 0));
                heal = await healer.HealAsync(measured.DriftedListing, settings.Alerts.HealWait, Path.Combine(folder, "heal"), cancellationToken);
                var healed = heal.Customers.Where(c => c.Healed).Select(c => long.Parse(c.CustomerId, System.Globalization.CultureInfo.InvariantCulture));
                overwritten.ExceptWith(healed);
                progress?.Report(new DemoProgress($"Week {number}: healing", 100, $"{heal.Customers.Count(c => c.Healed)} of {heal.Customers.Count} healed"));
            }

            weeks.Add(new DemoWeek(number, stored, writes, measured.HtmlReport,
                DemoMessages.SlackHeadlines(sandbox.Slack.Messages.Skip(slackBefore)), DemoMessages.Subjects(smtp.Messages.Skip(mailBefore)), heal));
            progress?.Report(new DemoProgress(stage, 100));
        }

        var history = Path.Combine(afterDirectory, "history.html");
        await File.WriteAllTextAsync(history, FidelityHistoryChart.Render(await store.GetChecksAsync(cancellationToken)), cancellationToken);
        await worker.StopAsync(cancellationToken);
        return new DemoWeeksResult(field, options.Crm, weeks, sandbox.Slack.Messages, smtp.Messages, history, database);
    }

    // The channels as an operator configures them (README, "Operating it weekly"), pointed at the local receivers;
    // the mail goes to the topology's named owner and backup.
    private static string[] AlertArgs(SandboxHost sandbox, SmtpSink smtp)
    {
        var owner = Generated.GeneratedTopologyManifest.Instance.Owner;
        var to = string.Join(",", new[] { owner?.Email, owner?.BackupEmail }.Where(e => !string.IsNullOrWhiteSpace(e)).DefaultIfEmpty("owner@store.example"));
        return
        [
            $"--SignalFidelity:Alerts:Slack:WebhookUrl={sandbox.SlackWebhookUrl}",
            $"--SignalFidelity:Alerts:Email:Host={SmtpSink.Host}",
            $"--SignalFidelity:Alerts:Email:Port={smtp.Port}",
            "--SignalFidelity:Alerts:Email:UseTls=false", // a local sink, as a local relay would be
            $"--SignalFidelity:Alerts:Email:From=signalfidelity@{sandbox.Shopify.Store.ShopDomain}",
            $"--SignalFidelity:Alerts:Email:To={to}",
        ];
    }
}
