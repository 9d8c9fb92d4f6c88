using Dapper;

namespace SignalFidelity.Worker.Storage;

/// <summary>Dead letters of a period counted by what they share, for the monthly page (<c>sigfid fidelity report</c>).</summary>
public abstract partial class RelationalWorkerStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetterTally>> CountDeadLettersAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        var rows = await c.QueryAsync<(string kind, string reason, string? topic, string? destination, long count)>(Command("""
            SELECT kind, reason, topic, destination, COUNT(*) AS count FROM dead_letters
            WHERE shop = @Shop AND created_at >= @from AND created_at < @until
            GROUP BY kind, reason, topic, destination ORDER BY count DESC, kind, reason
            """, new { Shop, from = from.UtcTicks, until = until.UtcTicks }, null, cancellationToken));
        return rows.Select(r => new DeadLetterTally(Enum.Parse<DeadLetterKind>(r.kind), r.reason, r.topic,
            r.destination is null ? null : Enum.Parse<SyncSystem>(r.destination), r.count)).ToList();
    }
}
