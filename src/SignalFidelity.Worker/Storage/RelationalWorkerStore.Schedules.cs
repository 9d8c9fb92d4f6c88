using Dapper;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// Leases of scheduled runs (<c>schedule_leases</c>, one row per check and due time). The claim is one portable
/// upsert: the insert wins for the first replica; a conflicting row is taken over only when its holder's lease ran
/// out and it never completed (the holder died mid-check), so a due time runs once, and again only after a crash.
/// </summary>
public abstract partial class RelationalWorkerStore
{
    /// <inheritdoc />
    public Task<bool> TryClaimScheduledRunAsync(string check, DateTimeOffset dueAt, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) => await c.ExecuteAsync(Command(
            """
            INSERT INTO schedule_leases (shop, check_name, due_at, owner, lease_until, claimed_at)
            VALUES (@Shop, @check, @due, @owner, @until, @now)
            ON CONFLICT (shop, check_name, due_at) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until, claimed_at = excluded.claimed_at
            WHERE schedule_leases.completed_at IS NULL AND schedule_leases.lease_until < excluded.claimed_at
            """,
            new { Shop, check, due = dueAt.UtcTicks, owner, until = leaseUntil.UtcTicks, now = NowTicks() }, t, cancellationToken)) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RenewScheduledRunAsync(string check, DateTimeOffset dueAt, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) => await c.ExecuteAsync(Command(
            "UPDATE schedule_leases SET lease_until = @until WHERE shop = @Shop AND check_name = @check AND due_at = @due AND owner = @owner AND completed_at IS NULL",
            new { Shop, check, due = dueAt.UtcTicks, owner, until = leaseUntil.UtcTicks }, t, cancellationToken)) == 1, cancellationToken);

    /// <inheritdoc />
    public Task CompleteScheduledRunAsync(string check, DateTimeOffset dueAt, string owner, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) => await c.ExecuteAsync(Command(
            "UPDATE schedule_leases SET completed_at = @now WHERE shop = @Shop AND check_name = @check AND due_at = @due AND owner = @owner",
            new { Shop, check, due = dueAt.UtcTicks, owner, now = NowTicks() }, t, cancellationToken)), cancellationToken);
}
