using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>The result of replaying one dead letter.</summary>
public sealed record ReplayOutcome(long DeadLetterId, bool Replayed, string Detail);

/// <summary>
/// Replays dead letters: a failed write is queued again (only the values the ledger still holds), an
/// unreadable delivery is read again from its stored body (useful once the reader is fixed) and, when
/// it now reads, stored with its writes in place of the dead letter.
/// </summary>
public sealed class DeadLetterReplayer(IWorkerStore store, DeliveryInterpreter interpreter)
{
    /// <summary>Replays the given dead letters, or every one not yet replayed.</summary>
    public async Task<IReadOnlyList<ReplayOutcome>> ReplayAsync(IReadOnlyList<long>? ids, CancellationToken cancellationToken)
    {
        var candidates = (await store.ListDeadLettersAsync(int.MaxValue, includeReplayed: false, cancellationToken))
            .Where(d => ids is null || ids.Contains(d.Id))
            .OrderBy(d => d.Id)
            .ToList();
        var outcomes = new List<ReplayOutcome>();
        if (ids is not null)
        {
            outcomes.AddRange(ids.Where(id => candidates.All(c => c.Id != id)).Select(id => new ReplayOutcome(id, false, "no such dead letter waiting (unknown id or already replayed)")));
        }

        foreach (var deadLetter in candidates)
        {
            outcomes.Add(deadLetter.Kind == DeadLetterKind.Write
                ? new ReplayOutcome(deadLetter.Id, await store.ReplayWriteDeadLettersAsync([deadLetter.Id], cancellationToken) == 1, "write queued again")
                : await ReplayDeliveryAsync(deadLetter, cancellationToken));
        }

        return outcomes;
    }

    private async Task<ReplayOutcome> ReplayDeliveryAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        var delivery = deadLetter.EventId is null ? null : await store.FindDeliveryAsync(deadLetter.EventId, deadLetter.Topic, cancellationToken);
        if (delivery is null)
        {
            return new ReplayOutcome(deadLetter.Id, false, "the delivery's body is no longer stored");
        }

        var interpretation = await interpreter.InterpretAsync(delivery.Topic, delivery.Body, delivery.TriggeredAt, delivery.ReceivedAt, delivery.ShopDomain, cancellationToken);
        if (interpretation.Disposition == DeliveryDisposition.Unparseable)
        {
            return new ReplayOutcome(deadLetter.Id, false, $"still unreadable: {interpretation.Reason}");
        }

        await store.RecordDeliveryAsync(
            delivery with { Disposition = interpretation.Disposition, CustomerKey = interpretation.CustomerKey, Reason = null },
            interpretation.Changes,
            replayingDeadLetterId: deadLetter.Id,
            cancellationToken);
        return new ReplayOutcome(deadLetter.Id, true, $"delivery read again: {interpretation.Changes.Count} change(s)");
    }
}
