using SignalFidelity.Sandbox.Clock;

namespace SignalFidelity.Cli.Demo.Worker;

/// <summary>
/// Moves the demo's virtual clock forward with real time (times a scale) while the governed worker
/// runs: the simulators' rate windows, bulk jobs and webhook timestamps live on that clock, and the
/// worker, unlike the replayed naive connector, runs in real time.
/// </summary>
internal sealed class ClockPump : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ClockPump(VirtualClock clock, double scale)
    {
        _loop = Task.Run(async () =>
        {
            var last = TimeProvider.System.GetTimestamp();
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                var now = TimeProvider.System.GetTimestamp();
                clock.Advance(TimeProvider.System.GetElapsedTime(last, now) * scale);
                last = now;
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
