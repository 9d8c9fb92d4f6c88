using System.Data.Common;
using Dapper;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The customer's Shopify tag set (<c>customer_tags</c>): one row per tag, present or removed, with the source time
/// of the last change and whether the worker's write-back put it there. The newest source time wins per tag, so
/// Shopify's deltas may arrive in any order; a removed tag keeps its row so an older add arriving late cannot bring
/// it back. The write-back reads it to add the topology's tag only where staff have not removed it since, and to
/// remove only tags it placed itself.
/// </summary>
public abstract partial class RelationalWorkerStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<CustomerTag>> GetTagsAsync(string customerKey, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        var rows = await c.QueryAsync<(string tag, long present, long placed, long source_ts)>(Command(
            "SELECT tag, present, placed, source_ts FROM customer_tags WHERE shop = @Shop AND customer_key = @customerKey ORDER BY tag_key",
            new { Shop, customerKey }, null, cancellationToken));
        return rows.Select(r => new CustomerTag(r.tag, r.present == 1, r.placed == 1, new DateTimeOffset(r.source_ts, TimeSpan.Zero))).ToList();
    }

    /// <summary>Shopify compares tags ignoring case and surrounding blanks; so does the tag set.</summary>
    private static string TagKey(string tag) => tag.Trim().ToLowerInvariant();

    private static async Task ObserveTagsAsync(DbConnection c, DbTransaction t, string shop, TagObservation observation, CancellationToken cancellationToken)
    {
        if (await IsMergedAwayAsync(c, t, shop, observation.CustomerKey, cancellationToken))
        {
            return;
        }

        var ts = observation.SourceTimestamp.UtcTicks;
        var tags = observation.Tags.Select(tag => tag.Trim()).Where(tag => tag.Length > 0).DistinctBy(TagKey).ToList();
        var sql = observation.Change switch
        {
            // An add keeps who placed a tag that was there already (the echo of the write-back's own add); a tag that
            // was absent and comes back was put there by someone else.
            TagChange.Added or TagChange.FullSet => UpsertTagSql(
                "1", "CASE WHEN customer_tags.present = 1 THEN customer_tags.placed ELSE 0 END", "excluded.source_ts", "excluded.source_ts > customer_tags.source_ts"),
            TagChange.Removed => UpsertTagSql("0", "0", "excluded.source_ts", "excluded.source_ts > customer_tags.source_ts"),
            // The write-back's own changes are facts the moment Shopify accepted them, whatever order the echo arrives in.
            TagChange.Placed => UpsertTagSql("1", "1", Later, "1 = 1"),
            _ => UpsertTagSql("0", "0", Later, "1 = 1"),
        };
        foreach (var tag in tags)
        {
            await c.ExecuteAsync(Command(sql, new
            {
                shop, customer = observation.CustomerKey, key = TagKey(tag), tag, ts,
                present = observation.Change is TagChange.Added or TagChange.FullSet or TagChange.Placed ? 1 : 0,
                placed = observation.Change == TagChange.Placed ? 1 : 0,
            }, t, cancellationToken));
        }

        if (observation.Change == TagChange.FullSet)
        {
            // The whole set: whatever it does not name is gone, unless a newer change says otherwise.
            var named = tags.Select(TagKey).ToHashSet(StringComparer.Ordinal);
            var present = await c.QueryAsync<string>(Command(
                "SELECT tag_key FROM customer_tags WHERE shop = @shop AND customer_key = @customer AND present = 1 AND source_ts < @ts",
                new { shop, customer = observation.CustomerKey, ts }, t, cancellationToken));
            foreach (var gone in present.Where(key => !named.Contains(key)).ToList())
            {
                await c.ExecuteAsync(Command(
                    "UPDATE customer_tags SET present = 0, placed = 0, source_ts = @ts WHERE shop = @shop AND customer_key = @customer AND tag_key = @gone",
                    new { shop, customer = observation.CustomerKey, gone, ts }, t, cancellationToken));
            }
        }
    }

    private const string Later = "CASE WHEN excluded.source_ts > customer_tags.source_ts THEN excluded.source_ts ELSE customer_tags.source_ts END";

    private static string UpsertTagSql(string present, string placed, string sourceTs, string when) => $"""
        INSERT INTO customer_tags (shop, customer_key, tag_key, tag, present, placed, source_ts)
        VALUES (@shop, @customer, @key, @tag, @present, @placed, @ts)
        ON CONFLICT (shop, customer_key, tag_key) DO UPDATE
          SET tag = excluded.tag, present = {present}, placed = {placed}, source_ts = {sourceTs}
          WHERE {when}
        """;
}
