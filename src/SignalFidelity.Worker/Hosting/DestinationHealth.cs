using SignalFidelity.Worker.Pipeline;

namespace SignalFidelity.Worker.Hosting;

/// <summary>Asks each destination whether it answers, at most every few seconds, for <c>/health</c>.</summary>
public sealed class DestinationHealth(IEnumerable<IDestinationWriter> writers, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, IReadOnlyDictionary<string, bool> Reachable)? _last;

    /// <summary>Each configured destination and whether it answered.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> CheckAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && clock.GetUtcNow() - last.At < CacheFor)
            {
                return last.Reachable;
            }

            var results = new Dictionary<string, bool>();
            foreach (var writer in writers)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                try
                {
                    results[writer.Destination.ToString()] = await writer.IsReachableAsync(timeout.Token);
                }
                catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
                {
                    results[writer.Destination.ToString()] = false;
                }
            }

            _last = (clock.GetUtcNow(), results);
            return results;
        }
        finally
        {
            _gate.Release();
        }
    }
}
