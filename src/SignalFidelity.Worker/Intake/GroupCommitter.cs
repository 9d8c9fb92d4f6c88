using System.Threading.Channels;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// Group commit for intake: concurrent requests queue their delivery, one loop stores whatever has
/// queued in a single transaction, and each request gets its answer only after that commit. SQLite
/// has one writer anyway, so this turns N small transactions (N commits) into one, without giving up
/// "stored before 200". If a batch fails, its deliveries are stored one by one so that one bad
/// delivery fails only its own request.
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly IWorkerStore _store;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <summary>Starts the commit loop.</summary>
    public GroupCommitter(IWorkerStore store)
    {
        _store = store;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Stores the delivery with the changes it implies; completes after the commit that holds it.</summary>
    public Task<IntakeResult> StoreAsync(DeliveryRecord delivery, IReadOnlyList<LedgerChange> changes, CancellationToken cancellationToken)
    {
        var item = new Item(delivery, changes, new TaskCompletionSource<IntakeResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(item))
        {
            throw new InvalidOperationException("intake is shutting down");
        }

        return item.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<Item>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                var results = await _store.RecordDeliveriesAsync(batch.Select(i => (i.Delivery, i.Changes)).ToList());
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (StoreBusyException busy)
            {
                // Retrying one by one would wait the lock timeout once per delivery: answer them all now.
                foreach (var item in batch)
                {
                    item.Completion.TrySetException(busy);
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var item in batch)
                {
                    try
                    {
                        item.Completion.TrySetResult(await _store.RecordDeliveryAsync(item.Delivery, item.Changes));
                    }
                    catch (Exception exception)
                    {
                        item.Completion.TrySetException(exception);
                    }
                }
            }
            catch (Exception exception)
            {
                batch[0].Completion.TrySetException(exception);
            }

            batch.Clear();
        }
    }

    private sealed record Item(DeliveryRecord Delivery, IReadOnlyList<LedgerChange> Changes, TaskCompletionSource<IntakeResult> Completion);
}
