using System.Collections.Concurrent;

namespace SignalFidelity.Core.Drift;

/// <summary>
/// Enumerates a source on a thread of its own, a few batches ahead of the consumer, in the source's order.
/// </summary>
/// <remarks>
/// Why: the owner-side pass of the full-population audit is two halves of similar cost, parsing a Shopify
/// row into a record and measuring it against the CRM index (with the listings written). Run one after the
/// other they leave the second core idle for the whole pass; here the parsing runs on one core while the
/// measuring runs on the other. Memory stays bounded (<c>depth</c> batches), the order is the source's, and
/// a failure of the source is rethrown to the consumer. Disposing the enumerator early stops the reading
/// thread and waits for it, so the caller may close the source's file right after.
/// </remarks>
public static class ReadAhead
{
    /// <summary>The items of <paramref name="source"/>, read on another thread in batches of <paramref name="batchSize"/>.</summary>
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int batchSize = 256, int depth = 4)
    {
        using var batches = new BlockingCollection<T[]>(depth);
        // Batches handed back once consumed, so a million records allocate a handful of arrays, not thousands.
        var free = new ConcurrentQueue<T[]>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Factory.StartNew(() => Produce(source, batches, free, batchSize, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                foreach (var item in batch) yield return item;
                // Cleared so a recycled array does not keep consumed records alive.
                Array.Clear(batch);
                free.Enqueue(batch);
            }
            reader.GetAwaiter().GetResult(); // rethrows what the source threw
        }
        finally
        {
            stop.Cancel();
            // The reader may be blocked handing over a batch nobody will take: drain until it has finished.
            while (!reader.IsCompleted)
            {
                while (batches.TryTake(out _)) { }
                reader.Wait(10);
            }
        }
    }

    private static void Produce<T>(IEnumerable<T> source, BlockingCollection<T[]> batches, ConcurrentQueue<T[]> free, int batchSize, CancellationToken stop)
    {
        var batch = new T[batchSize];
        var count = 0;
        try
        {
            foreach (var item in source)
            {
                batch[count++] = item;
                if (count < batchSize) continue;
                if (stop.IsCancellationRequested) return;
                // Not `stop`: a stopped consumer drains the collection until this thread ends, so Add cannot block forever.
                batches.Add(batch, CancellationToken.None);
                batch = free.TryDequeue(out var recycled) ? recycled : new T[batchSize];
                count = 0;
            }
        }
        finally
        {
            // Also when the source fails: the items read before the failure reach the consumer first.
            if (count > 0 && !stop.IsCancellationRequested) batches.Add(batch[..count], CancellationToken.None);
            batches.CompleteAdding();
        }
    }
}
