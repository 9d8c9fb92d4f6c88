using Microsoft.Data.Sqlite;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// An online copy of the worker's SQLite file with <c>VACUUM INTO</c>: one read transaction, so the copy is a
/// consistent snapshot (WAL content included) taken while the worker goes on writing, and compacted. Copying the
/// file with <c>cp</c> while the worker runs can tear it, and misses what is still in the -wal file.
/// </summary>
public static class SqliteBackup
{
    /// <summary>What a finished backup holds, read back from the copy itself.</summary>
    public sealed record Result(string Path, long Bytes, string IntegrityCheck, int SchemaVersion);

    /// <summary>Writes the snapshot of <paramref name="database"/> to <paramref name="target"/> (which must not exist) and checks the copy.</summary>
    public static async Task<Result> WriteAsync(string database, string target, CancellationToken cancellationToken = default)
    {
        var full = System.IO.Path.GetFullPath(target);
        await using (var source = new SqliteConnection(ConnectionString(database)))
        {
            await source.OpenAsync(cancellationToken);
            await using var vacuum = source.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $target";
            vacuum.Parameters.AddWithValue("$target", full);
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var copy = new SqliteConnection(ConnectionString(full));
        await copy.OpenAsync(cancellationToken);
        var integrity = await ScalarAsync(copy, "PRAGMA integrity_check", cancellationToken);
        var version = await ScalarAsync(copy, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken);
        return new Result(full, new FileInfo(full).Length, Convert.ToString(integrity, System.Globalization.CultureInfo.InvariantCulture) ?? "", Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture));
    }

    // Read-only: a backup never changes the worker's file; no pooling, so the copy is closed when this returns.
    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString();

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
