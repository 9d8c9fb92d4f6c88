namespace SignalFidelity.Worker.Checks;

/// <summary>
/// A check the worker runs on a cron schedule (<c>SignalFidelity:Schedules:&lt;Name&gt;</c>), once per due time across
/// replicas. Registered in the container by <see cref="Name"/>; a schedule whose check is not registered does not run.
/// </summary>
public interface IScheduledCheck
{
    /// <summary>The schedule's key under <c>SignalFidelity:Schedules</c> (<see cref="ScheduledCheckNames"/>).</summary>
    string Name { get; }

    /// <summary>Runs the check that was due at <paramref name="dueAt"/>; returns one line for the log (level, where the report is).</summary>
    Task<string> RunAsync(DateTimeOffset dueAt, CancellationToken cancellationToken);
}

/// <summary>The scheduled checks' names: their configuration keys and their rows in <c>schedule_leases</c>.</summary>
public static class ScheduledCheckNames
{
    /// <summary>The weekly drift check (<c>sigfid drift</c>).</summary>
    public const string DriftCheck = "DriftCheck";

    /// <summary>The daily volume check (<c>sigfid reconcile</c>).</summary>
    public const string VolumeCheck = "VolumeCheck";
}
