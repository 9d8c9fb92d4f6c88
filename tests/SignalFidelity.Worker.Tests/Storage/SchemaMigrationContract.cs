using System.Data.Common;
using Dapper;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Storage.Migrations;

namespace SignalFidelity.Worker.Tests.Storage;

/// <summary>
/// Numbered migrations on every engine: a database the first release wrote (its DDL verbatim from that release, in
/// ReleasedSchema/) with a row in every table is upgraded in place and loses nothing; replicas starting together
/// apply each step once; a database from a newer release is refused untouched. A database the release before step 0006
/// wrote, with a row in every table, is keyed by shop: every row kept, each under the configured shop.
/// </summary>
public abstract class SchemaMigrationContract : IAsyncLifetime
{
    /// <summary>The configured SignalFidelity:Shopify:ShopDomain the stores under test are opened for.</summary>
    protected const string ConfiguredShop = "snowdevil.myshopify.com";

    /// <summary>The step that keys every table by shop.</summary>
    private const int KeyedByShop = 6;

    private static readonly string[] ReleasedTables =
        ["deliveries", "ledger", "writes", "dead_letters", "cursors", "customer_tags", "merged_customers"];

    /// <summary>Every table the release before <see cref="KeyedByShop"/> had.</summary>
    private static readonly string[] TablesBeforeKeyedByShop =
        [.. ReleasedTables, "schedule_leases", "shopify_api_versions", "check_history", "alert_outbox"];

    /// <summary>The engine's name in ReleasedSchema/{engine}.sql.</summary>
    protected abstract string Engine { get; }

    /// <summary>A new, empty database of the engine under test.</summary>
    public abstract Task InitializeAsync();

    /// <summary>A plain connection to that database, outside any store.</summary>
    protected abstract Task<DbConnection> OpenRawAsync();

    /// <summary>A store on that database for <paramref name="shop"/> (a replica when called twice).</summary>
    protected abstract IWorkerStore OpenStore(string shop = ConfiguredShop);

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_database_the_released_schema_wrote_keeps_every_row_and_records_the_latest_version()
    {
        await WriteAsReleasedAsync();
        var (before, _) = await DumpAsync();

        await using (var store = OpenStore())
        {
            await store.InitializeAsync();
            await store.InitializeAsync(); // a restart changes nothing

            Assert.NotNull(await store.FindDeliveryAsync("evt-1", "customers/update"));
            var claimed = Assert.Single(await store.ClaimDueWritesAsync("upgrade-test", TimeSpan.FromMinutes(1), 10));
            Assert.Equal("c1", claimed.CustomerKey);
            var now = DateTimeOffset.UtcNow;
            var next = await store.RecordDeliveryAsync(
                new DeliveryRecord("evt-2", "wh-2", "customers/update", "snowdevil.myshopify.com", now, now, "{}"u8.ToArray(), DeliveryDisposition.Unrouted), []);
            Assert.False(next.Duplicate);
        }

        var (afterRows, afterShops) = await DumpAsync();
        Assert.All(ReleasedTables.Except(["deliveries"]), table => Assert.Equal([ConfiguredShop], afterShops[table]));
        foreach (var table in ReleasedTables.Except(["writes", "deliveries"]))
        {
            Assert.Equal(before[table], afterRows[table]);
        }

        Assert.Equal(before["deliveries"], afterRows["deliveries"].Take(before["deliveries"].Count)); // plus evt-2, after them
        Assert.Equal(2, afterRows["deliveries"].Count);
        Assert.Equal(before["writes"].Count, afterRows["writes"].Count); // the claim changed the pending write's status only
        Assert.Equal(SchemaMigrations.All.Select(m => m.Version), await RecordedVersionsAsync());
    }

    [Fact]
    public async Task A_database_the_release_before_keying_by_shop_wrote_keeps_every_row_each_under_the_configured_shop()
    {
        await WriteAsBeforeKeyedByShopAsync();
        var before = await DumpAsync(TablesBeforeKeyedByShop);

        await using (var store = OpenStore())
        {
            await store.InitializeAsync();
            Assert.Equal("10.00", JsonSerializerValue(Assert.Single(await store.GetLedgerAsync("c1", SyncSystem.Klaviyo)).JsonValue));
            Assert.Equal("2026-11-27T10:00:00Z", await store.GetCursorAsync("reconciliation"));
            Assert.Single(await store.GetChecksAsync());
            Assert.Single(await store.ListShopifyApiVersionsAsync());
            Assert.False(await store.TryClaimScheduledRunAsync("drift", new DateTimeOffset(10, TimeSpan.Zero), "replica", DateTimeOffset.UtcNow)); // completed before
            Assert.Empty(await store.ForShop("another.myshopify.com").GetLedgerAsync("c1", SyncSystem.Klaviyo));
        }

        var after = await DumpAsync(TablesBeforeKeyedByShop);
        Assert.Equal(before.Rows, after.Rows); // row by row, every column the previous release had
        Assert.All(TablesBeforeKeyedByShop.Except(["deliveries"]), table => Assert.Equal([ConfiguredShop], after.Shops[table]));
        Assert.Equal([ConfiguredShop], after.Shops["deliveries"]); // the shop_domain each delivery always carried
        Assert.Equal(SchemaMigrations.All.Select(m => m.Version), await RecordedVersionsAsync());
    }

    [Fact]
    public async Task Rows_a_process_naming_no_shop_migrated_are_taken_over_by_the_first_store_opened_for_the_shop()
    {
        await WriteAsBeforeKeyedByShopAsync();
        await using (var unnamed = OpenStore(RelationalWorkerStore.UnkeyedShop))
        {
            await unnamed.InitializeAsync(); // a CLI run with no ShopDomain configured: the step runs, the rows wait
        }

        Assert.Equal([RelationalWorkerStore.UnkeyedShop], (await DumpAsync()).Shops["ledger"]);
        await using (var store = OpenStore())
        {
            await store.InitializeAsync();
            Assert.Single(await store.GetLedgerAsync("c1", SyncSystem.Klaviyo));
        }

        Assert.Equal([ConfiguredShop], (await DumpAsync()).Shops["ledger"]);
    }

    [Fact]
    public async Task Replicas_starting_together_apply_each_step_once()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => OpenStore()).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(s => s.InitializeAsync()));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        Assert.Equal(SchemaMigrations.All.Select(m => m.Version), await RecordedVersionsAsync());
    }

    [Fact]
    public async Task A_database_a_newer_release_migrated_is_refused_and_left_as_it_was()
    {
        await WriteAsReleasedAsync();
        await using (var connection = await OpenRawAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            await connection.ExecuteAsync("INSERT INTO schema_version VALUES (999, 'from_the_future', 0)");
        }

        var before = await DumpAsync();
        await using (var store = OpenStore())
        {
            var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => store.InitializeAsync());
            Assert.Contains("version 999", refused.Message, StringComparison.Ordinal);
        }

        var after = await DumpAsync();
        Assert.Equal(before.Rows, after.Rows);
        Assert.Equal(before.Shops, after.Shops);
        Assert.Equal([999], await RecordedVersionsAsync());
    }

    [Fact]
    public void Every_step_has_a_script_per_engine_and_the_numbers_have_no_gaps()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrations.All.Count), SchemaMigrations.All.Select(m => m.Version));
        Assert.All(SchemaMigrations.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql(Engine))));
        var listed = SchemaMigrations.All.Select(m => $"{m.Version:D4}_{m.Name}.").ToArray();
        Assert.All(SchemaMigrations.EmbeddedScripts(), script => Assert.Contains(listed, prefix => script.Contains(prefix, StringComparison.Ordinal)));
    }

    /// <summary>The released release's DDL, verbatim, then one row in every table.</summary>
    private async Task WriteAsReleasedAsync()
    {
        var ddl = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Storage", "ReleasedSchema", Engine + ".sql"));
        await using var connection = await OpenRawAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(ddl, transaction: transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO deliveries (event_id, webhook_id, topic, shop_domain, triggered_at, received_at, disposition, customer_key, reason, body)
            VALUES ('evt-1', 'wh-1', 'customers/update', 'snowdevil.myshopify.com', 1, 2, 'Accepted', 'c1', NULL, @body);
            INSERT INTO ledger (customer_key, destination, property, value_json, source_ts) VALUES ('c1', 'Klaviyo', 'total_spent', '"10.00"', 3);
            INSERT INTO writes (customer_key, destination, operation, fields, status, attempts, next_attempt_at, created_at)
            VALUES ('c1', 'Klaviyo', 'Upsert', '[{"p":"total_spent","v":"10.00","t":3}]', 'pending', 0, 0, 4);
            INSERT INTO writes (customer_key, destination, operation, fields, status, attempts, next_attempt_at, last_error, created_at)
            VALUES ('c2', 'HubSpot', 'Upsert', '[{"p":"total_spent","v":"10.00","t":3}]', 'pending', 3, 9000000000000000000, '503 try later', 5);
            INSERT INTO dead_letters (kind, reason, created_at, customer_key, destination, operation, attempts, payload)
            VALUES ('Write', '400 invalid email', 6, 'c2', 'HubSpot', 'Upsert', 8, '{}');
            INSERT INTO cursors (name, value, updated_at) VALUES ('reconciliation', '2026-11-27T10:00:00Z', 7);
            INSERT INTO customer_tags (customer_key, tag_key, tag, present, placed, source_ts) VALUES ('c1', 'vip', 'VIP', 1, 0, 8);
            INSERT INTO merged_customers (merged_key, kept_key, merged_at) VALUES ('c3', 'c1', 9);
            """,
            new { body = "{\"id\":1}"u8.ToArray() }, transaction);
        await transaction.CommitAsync();
    }

    /// <summary>
    /// The release before step 0006: steps 1 to 5 as that release applied them to a new database, then one row in every
    /// table. Written raw, since today's store would run step 0006 too.
    /// </summary>
    private async Task WriteAsBeforeKeyedByShopAsync()
    {
        await using var connection = await OpenRawAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)", transaction: transaction);
        foreach (var step in SchemaMigrations.All.Where(m => m.Version < KeyedByShop))
        {
            await connection.ExecuteAsync(step.Sql(Engine), transaction: transaction);
            await connection.ExecuteAsync("INSERT INTO schema_version VALUES (@Version, @Name, 0)", new { step.Version, step.Name }, transaction);
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO deliveries (event_id, webhook_id, topic, shop_domain, triggered_at, received_at, disposition, customer_key, reason, body)
            VALUES ('evt-1', 'wh-1', 'customers/update', 'snowdevil.myshopify.com', 1, 2, 'Accepted', 'c1', NULL, @body);
            INSERT INTO ledger (customer_key, destination, property, value_json, source_ts) VALUES ('c1', 'Klaviyo', 'total_spent', '"10.00"', 3);
            INSERT INTO writes (customer_key, destination, operation, fields, status, attempts, next_attempt_at, created_at)
            VALUES ('c1', 'Klaviyo', 'Upsert', '[{"p":"total_spent","v":"10.00","t":3}]', 'pending', 0, 0, 4);
            INSERT INTO dead_letters (kind, reason, created_at, customer_key, destination, operation, attempts, payload)
            VALUES ('Write', '400 invalid email', 6, 'c2', 'HubSpot', 'Upsert', 8, '{}');
            INSERT INTO cursors (name, value, updated_at) VALUES ('reconciliation', '2026-11-27T10:00:00Z', 7);
            INSERT INTO customer_tags (customer_key, tag_key, tag, present, placed, source_ts) VALUES ('c1', 'vip', 'VIP', 1, 0, 8);
            INSERT INTO merged_customers (merged_key, kept_key, merged_at) VALUES ('c3', 'c1', 9);
            INSERT INTO schedule_leases (check_name, due_at, owner, lease_until, claimed_at, completed_at) VALUES ('drift', 10, 'replica-1', 11, 10, 12);
            INSERT INTO shopify_api_versions (version, first_seen_at, last_seen_at, deliveries, review) VALUES ('2027-01', 13, 14, 2, 'review-1');
            INSERT INTO check_history (ran_at, kind, crm, sample, population, drifted, drift_percent, ci_low, ci_high, level, per_field_json, report_path)
            VALUES (15, 'drift', 'Klaviyo', 200, 1000, 4, 2.0, 0.5, 5.0, 'Normal', '{"email":4}', 'reports/1');
            INSERT INTO alert_outbox (check_id, channel, message_json, attempts, next_attempt_at) VALUES (1, 'slack', '{}', 1, 16);
            """,
            new { body = "{\"id\":1}"u8.ToArray() }, transaction);
        await transaction.CommitAsync();
    }

    private static string JsonSerializerValue(string json) => System.Text.Json.JsonSerializer.Deserialize<string>(json)!;

    /// <summary>
    /// The tables' rows, each as its values in column order (bytes as hex), sorted, without the shop column (which the
    /// tables keyed by shop have since 0006, at the end or, rebuilt by SQLite, at the start), and the shops those rows are of.
    /// </summary>
    private async Task<(Dictionary<string, List<string>> Rows, Dictionary<string, List<string>> Shops)> DumpAsync(IReadOnlyList<string>? tables = null)
    {
        var dump = new Dictionary<string, List<string>>();
        var shops = new Dictionary<string, List<string>>();
        await using var connection = await OpenRawAsync();
        foreach (var table in tables ?? ReleasedTables)
        {
            var rows = new List<string>();
            var shopsOfTable = new SortedSet<string>(StringComparer.Ordinal);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var columns = Enumerable.Range(0, reader.FieldCount).ToList();
                var shopColumn = columns.FindIndex(i => reader.GetName(i) is "shop" or "shop_domain");
                if (shopColumn >= 0)
                {
                    shopsOfTable.Add(reader.GetString(shopColumn));
                }

                var values = columns.Where(i => reader.GetName(i) != "shop").Select(i => reader.GetValue(i) switch
                {
                    byte[] bytes => Convert.ToHexString(bytes),
                    DBNull => "NULL",
                    var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                });
                rows.Add(string.Join(" | ", values));
            }

            rows.Sort(StringComparer.Ordinal);
            dump[table] = rows;
            shops[table] = [.. shopsOfTable];
        }

        return (dump, shops);
    }

    private async Task<List<int>> RecordedVersionsAsync()
    {
        await using var connection = await OpenRawAsync();
        return (await connection.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version")).ToList();
    }
}
