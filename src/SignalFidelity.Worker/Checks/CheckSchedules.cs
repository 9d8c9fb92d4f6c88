using Cronos;
using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Worker.Checks;

/// <summary>One scheduled check: its name, its cron expression as configured and parsed.</summary>
public sealed record CheckSchedule(string Name, string Cron, CronExpression Expression);

/// <summary>
/// The checks' cron expressions and the time zone they are read in, parsed from the settings. The same parse serves
/// start-up validation (a bad value names its key, value and fix) and the scheduler, so they cannot disagree.
/// </summary>
public sealed record CheckSchedules(TimeZoneInfo Zone, IReadOnlyList<CheckSchedule> Checks)
{
    private const string Key = WorkerOptions.Section + ":Schedules:";

    /// <summary>The configured schedules; an empty expression turns its check off. Throws naming every bad value.</summary>
    public static CheckSchedules From(WorkerOptions options)
    {
        var problems = new List<string>();
        var schedules = Parse(options, problems);
        return problems.Count == 0 ? schedules! : throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>Adds a line per bad value to <paramref name="problems"/>; null when the time zone is unusable.</summary>
    public static CheckSchedules? Parse(WorkerOptions options, List<string> problems)
    {
        var zone = FindZone(options.TimeZone, problems);
        var checks = new List<CheckSchedule>();
        foreach (var (name, cron) in new[] { (ScheduledCheckNames.DriftCheck, options.Schedules.DriftCheck), (ScheduledCheckNames.VolumeCheck, options.Schedules.VolumeCheck) })
        {
            if (string.IsNullOrWhiteSpace(cron))
            {
                continue; // turned off
            }

            try
            {
                checks.Add(new CheckSchedule(name, cron.Trim(), CronExpression.Parse(cron.Trim(), CronFormat.Standard)));
            }
            catch (CronFormatException e)
            {
                problems.Add($"{Key}{name} is '{cron}'; it must be a cron expression of five fields, minute hour day-of-month month day-of-week " +
                             $"(for example '0 5 * * *' daily at 05:00, '0 6 * * MON' Mondays at 06:00), or empty to turn it off ({e.Message.TrimEnd('.')})");
            }
        }

        return zone is null ? null : new CheckSchedules(zone, checks);
    }

    private static TimeZoneInfo? FindZone(string? id, List<string> problems)
    {
        var value = string.IsNullOrWhiteSpace(id) ? "UTC" : id.Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(value);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"{WorkerOptions.Section}:TimeZone is '{id}'; it must be an IANA time zone id such as UTC, Europe/Berlin or America/New_York (the schedules' local time)");
            return null;
        }
    }
}
