using Dapper;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// <c>shopify_api_versions</c>: the Shopify API versions deliveries came under other than the pinned one, counted, with
/// the review window opened for each. The claim of that window is a conditional update, so one process opens it.
/// </summary>
public abstract partial class RelationalWorkerStore
{
    /// <summary>The claim a window holds while its file is being written.</summary>
    private const string ReviewBeingOpened = "(opening)";

    /// <inheritdoc />
    public Task RecordShopifyApiVersionAsync(string version, DateTimeOffset receivedAt, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) => await c.ExecuteAsync(Command(
            """
            INSERT INTO shopify_api_versions (shop, version, first_seen_at, last_seen_at, deliveries) VALUES (@Shop, @version, @at, @at, 1)
            ON CONFLICT (shop, version) DO UPDATE SET
              deliveries = shopify_api_versions.deliveries + 1,
              first_seen_at = CASE WHEN excluded.first_seen_at < shopify_api_versions.first_seen_at THEN excluded.first_seen_at ELSE shopify_api_versions.first_seen_at END,
              last_seen_at = CASE WHEN excluded.last_seen_at > shopify_api_versions.last_seen_at THEN excluded.last_seen_at ELSE shopify_api_versions.last_seen_at END
            """,
            new { Shop, version, at = receivedAt.UtcTicks }, t, cancellationToken)), cancellationToken);

    /// <inheritdoc />
    public Task<bool> ClaimShopifyApiVersionReviewAsync(string version, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) => await c.ExecuteAsync(Command(
            "UPDATE shopify_api_versions SET review = @claim WHERE shop = @Shop AND version = @version AND review IS NULL",
            new { Shop, version, claim = ReviewBeingOpened }, t, cancellationToken)) == 1, cancellationToken);

    /// <inheritdoc />
    public Task SetShopifyApiVersionReviewAsync(string version, string? reviewId, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) => await c.ExecuteAsync(Command(
            "UPDATE shopify_api_versions SET review = @reviewId WHERE shop = @Shop AND version = @version",
            new { Shop, version, reviewId }, t, cancellationToken)), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShopifyApiVersionSeen>> ListShopifyApiVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        var rows = await c.QueryAsync<(string version, long first_seen_at, long last_seen_at, long deliveries, string? review)>(Command(
            "SELECT version, first_seen_at, last_seen_at, deliveries, review FROM shopify_api_versions WHERE shop = @Shop ORDER BY first_seen_at, version",
            new { Shop }, null, cancellationToken));
        return rows.Select(r => new ShopifyApiVersionSeen(
            r.version, new DateTimeOffset(r.first_seen_at, TimeSpan.Zero), new DateTimeOffset(r.last_seen_at, TimeSpan.Zero), r.deliveries,
            r.review == ReviewBeingOpened ? null : r.review)).ToList();
    }
}
