using System.Data.Common;
using Dapper;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Storage.Migrations;

namespace SignalFidelity.Worker.Tests.Storage;

/// <summary>
/// Numbered migrations on every engine: a database the first release wrote (its DDL verbatim from that release, in
/// ReleasedSchema/) with a row in every table is upgraded in place and loses nothing; replicas starting together
/// apply each step once; a database from a newer release is refused untouched.
/// </summary>
public abstract class SchemaMigrationContract : IAsyncLifetime
{
    private static readonly string[] ReleasedTables =
        ["deliveries", "ledger", "writes", "dead_letters", "cursors", "customer_tags", "merged_customers"];

    /// <summary>The engine's name in ReleasedSchema/{engine}.sql.</summary>
    protected abstract string Engine { get; }

    /// <summary>A new, empty database of the engine under test.</summary>
    public abstract Task InitializeAsync();

    /// <summary>A plain connection to that database, outside any store.</summary>
    protected abstract Task<DbConnection> OpenRawAsync();

    /// <summary>A store on that database (a replica when called twice).</summary>
    protected abstract IWorkerStore OpenStore();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_database_the_released_schema_wrote_keeps_every_row_and_records_the_latest_version()
    {
        await WriteAsReleasedAsync();
        var before = await DumpAsync();

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

        var after = await DumpAsync();
        foreach (var table in ReleasedTables.Except(["writes", "deliveries"]))
        {
            Assert.Equal(before[table], after[table]);
        }

        Assert.Equal(before["deliveries"], after["deliveries"].Take(before["deliveries"].Count)); // plus evt-2, after them
        Assert.Equal(2, after["deliveries"].Count);
        Assert.Equal(before["writes"].Count, after["writes"].Count); // the claim changed the pending write's status only
        Assert.Equal(SchemaMigrations.All.Select(m => m.Version), await RecordedVersionsAsync());
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

        Assert.Equal(before, await DumpAsync());
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

    /// <summary>Every released table's rows, each as its values in column order (bytes as hex), in key order.</summary>
    private async Task<Dictionary<string, List<string>>> DumpAsync()
    {
        var dump = new Dictionary<string, List<string>>();
        await using var connection = await OpenRawAsync();
        foreach (var table in ReleasedTables)
        {
            var rows = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
                {
                    byte[] bytes => Convert.ToHexString(bytes),
                    DBNull => "NULL",
                    var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                });
                rows.Add(string.Join(" | ", values));
            }

            dump[table] = rows;
        }

        return dump;
    }

    private async Task<List<int>> RecordedVersionsAsync()
    {
        await using var connection = await OpenRawAsync();
        return (await connection.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version")).ToList();
    }
}
