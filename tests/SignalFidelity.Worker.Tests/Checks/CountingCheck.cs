using SignalFidelity.Worker.Checks;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>A scheduled check that records each due time it was run for (the scheduler and its lease are under test, not the check).</summary>
internal sealed class CountingCheck(string name) : IScheduledCheck
{
    private readonly List<DateTimeOffset> _runs = [];

    public string Name => name;

    public IReadOnlyList<DateTimeOffset> Runs
    {
        get { lock (_runs) return [.. _runs]; }
    }

    public Task<string> RunAsync(DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        lock (_runs) _runs.Add(dueAt);
        return Task.FromResult("counted");
    }
}
