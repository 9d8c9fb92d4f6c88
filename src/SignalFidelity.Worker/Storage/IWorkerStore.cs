namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The worker's durable state: a transactional outbox. Intake stores a delivery, the ledger update
/// and the pending destination writes in one transaction; dispatchers claim due writes under a
/// lease and complete or fail them. SQLite is the embedded default, PostgreSQL the engine several
/// replicas share; both pass the same test suite.
/// </summary>
/// <remarks>
/// Invariants every implementation keeps:
/// <list type="bullet">
/// <item>a delivery's event id is stored once; a second delivery of it changes nothing;</item>
/// <item>per (person, destination, property) the ledger holds the newest accepted source time, and a
/// field not newer than it never reaches a pending write;</item>
/// <item>per (person, destination) at most one write is pending and at most one is in flight; a new
/// patch merges into the pending one, and a pending write is not claimed while one is in flight, so
/// a later write never lands first;</item>
/// <item>once a customer is merged into another, nothing but a compliance delete is written for them again, and the
/// kept customer's writes wait until no write for the merged-away one is in flight.</item>
/// </list>
/// </remarks>
/// <para>
/// A store works on one shop's rows (<see cref="Shop"/>): the same Shopify customer id in two shops is two people, and
/// every table is keyed by shop. <see cref="ForShop"/> gives the same database seen as another shop. Deliveries are the
/// exception: each is stored, and its changes applied, under the shop it names (<see cref="DeliveryRecord.ShopDomain"/>,
/// which intake has verified), so one group commit may carry several shops' deliveries.
/// </para>
public interface IWorkerStore : ICheckHistoryStore, IAsyncDisposable
{
    /// <summary>
    /// The same database as <paramref name="shop"/>'s store: shares this one's connections and writer, and needs no
    /// disposal of its own (it lives as long as this store).
    /// </summary>
    IWorkerStore ForShop(string shop);

    /// <summary>Creates the schema when missing. Safe to call from several processes.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a delivery with the changes it implies (writes, a merge, tags) in one transaction. A known event id
    /// stores nothing and returns <see cref="IntakeResult.DuplicateEvent"/>. An unparseable delivery is also
    /// dead-lettered. <paramref name="replayingDeadLetterId"/> replaces the delivery that dead letter
    /// holds (a replay), instead of being refused as a duplicate.
    /// </summary>
    Task<IntakeResult> RecordDeliveryAsync(
        DeliveryRecord delivery,
        IReadOnlyList<LedgerChange> changes,
        long? replayingDeadLetterId = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores several deliveries in one transaction (group commit: one fsync for many requests), each
    /// exactly as <see cref="RecordDeliveryAsync"/> would, in order. All or none are stored.
    /// </summary>
    Task<IReadOnlyList<IntakeResult>> RecordDeliveriesAsync(
        IReadOnlyList<(DeliveryRecord Delivery, IReadOnlyList<LedgerChange> Changes)> batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies changes that come from no webhook (reconciliation, backfill, CRM poll, the tag write-back's own
    /// changes) through the same ledger.
    /// </summary>
    Task<IntakeResult> ProposeWritesAsync(IReadOnlyList<LedgerChange> changes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> due writes, oldest first, for <paramref name="lease"/>. A write tried
    /// before (its outcome in doubt: a timeout, a lost lease) carries the ledger's current values, never older ones.
    /// </summary>
    Task<IReadOnlyList<ClaimedWrite>> ClaimDueWritesAsync(
        string leaseOwner, TimeSpan lease, int max, SyncSystem? destination = null, CancellationToken cancellationToken = default);

    /// <summary>When the last delivery of <paramref name="topic"/> was received, or null when none was.</summary>
    Task<DateTimeOffset?> LastDeliveryOfAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends, to now plus <paramref name="lease"/>, the leases <paramref name="leaseOwner"/> still holds among
    /// <paramref name="writeIds"/> (a send under way keeps its write); returns how many it still held.
    /// </summary>
    Task<int> RenewLeasesAsync(IReadOnlyList<long> writeIds, string leaseOwner, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks a claimed write done; false when the lease was lost to another dispatcher.</summary>
    Task<bool> CompleteWriteAsync(long writeId, string leaseOwner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a claimed write back: retried at <paramref name="retryAt"/>, or dead-lettered with the
    /// reason when <paramref name="retryAt"/> is null. False when the lease was lost.
    /// </summary>
    Task<bool> FailWriteAsync(
        long writeId, string leaseOwner, string reason, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);

    /// <summary>Dead letters, newest first; replayed ones only when asked.</summary>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(
        int limit = 100, bool includeReplayed = false, CancellationToken cancellationToken = default);

    /// <summary>Dead letters created in [<paramref name="from"/>, <paramref name="until"/>), replayed or not, counted per kind, reason, topic and destination, largest first.</summary>
    Task<IReadOnlyList<DeadLetterTally>> CountDeadLettersAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Queues dead-lettered writes again (all not yet replayed, or those ids) and marks them replayed.</summary>
    /// <returns>How many were queued again. Delivery dead letters are replayed by <see cref="RecordDeliveryAsync"/>.</returns>
    Task<int> ReplayWriteDeadLettersAsync(IReadOnlyList<long>? ids = null, CancellationToken cancellationToken = default);

    /// <summary>Queue depth, lag, dead letters and the last reconciliation.</summary>
    Task<QueueStats> GetStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a person from the worker's stores (ledger, tag set, pending writes, stored bodies, dead letters)
    /// and, in the same transaction, queues <paramref name="deleteWrites"/> (one per destination,
    /// carrying what the destination needs to find the person).
    /// </summary>
    Task RedactCustomerAsync(string customerKey, IReadOnlyList<ProposedWrite> deleteWrites, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases everything the worker holds about the shop's customers (Shopify's <c>shop/redact</c>, sent
    /// 48 hours after the app is uninstalled). Event ids stay, so late retries stay duplicates.
    /// </summary>
    Task RedactShopAsync(CancellationToken cancellationToken = default);

    /// <summary>The values the ledger accepted for a person and destination (what the worker believes is true).</summary>
    Task<IReadOnlyList<FieldValue>> GetLedgerAsync(string customerKey, SyncSystem destination, CancellationToken cancellationToken = default);

    /// <summary>The person's Shopify tags as the ledger holds them, removed ones included, ordered by tag.</summary>
    Task<IReadOnlyList<CustomerTag>> GetTagsAsync(string customerKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// The first stored delivery of an event id (of that topic, when given: one merchant action can be
    /// delivered under several topics), body included, or null when none was stored.
    /// </summary>
    Task<DeliveryRecord?> FindDeliveryAsync(string eventId, string? topic = null, CancellationToken cancellationToken = default);

    /// <summary>Counts a delivery that came under a Shopify API version other than the pinned one (first seen, last seen, how many).</summary>
    Task RecordShopifyApiVersionAsync(string version, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the right to open the review window of a version seen; true for exactly one caller per version, across
    /// processes and restarts. The caller then records the window's id with <see cref="SetShopifyApiVersionReviewAsync"/>.
    /// </summary>
    Task<bool> ClaimShopifyApiVersionReviewAsync(string version, CancellationToken cancellationToken = default);

    /// <summary>Records the review window opened for a version (null gives the claim back when the window could not be written).</summary>
    Task SetShopifyApiVersionReviewAsync(string version, string? reviewId, CancellationToken cancellationToken = default);

    /// <summary>The Shopify API versions seen other than the pinned one, first seen first.</summary>
    Task<IReadOnlyList<ShopifyApiVersionSeen>> ListShopifyApiVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a named cursor (reconciliation position, CRM poll position).</summary>
    Task<string?> GetCursorAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Sets a named cursor and the time it was set.</summary>
    Task SetCursorAsync(string name, string value, CancellationToken cancellationToken = default);
    /// <summary>
    /// Claims the run of a scheduled check due at <paramref name="dueAt"/> for <paramref name="owner"/> until
    /// <paramref name="leaseUntil"/>: true for exactly one claimant per (check, due time) across replicas, unless the
    /// holder's lease ran out before it completed, in which case the next claimant takes the run over.
    /// </summary>
    Task<bool> TryClaimScheduledRunAsync(string check, DateTimeOffset dueAt, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>Extends a held run's lease (a long check); false when <paramref name="owner"/> no longer holds it.</summary>
    Task<bool> RenewScheduledRunAsync(string check, DateTimeOffset dueAt, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>Marks a held run done, so no replica runs that due time again.</summary>
    Task CompleteScheduledRunAsync(string check, DateTimeOffset dueAt, string owner, CancellationToken cancellationToken = default);
}
