using System.Data.Common;
using Dapper;

namespace SignalFidelity.Worker.Storage.Migrations;

/// <summary>
/// Applies the steps of <see cref="SchemaMigrations.All"/> a database has not recorded yet, inside the caller's
/// write transaction, which the engine has made exclusive (SQLite's write lock, PostgreSQL's advisory lock):
/// replicas starting together apply each step once, and a step that fails leaves the database as it was.
/// </summary>
internal static class SchemaMigrator
{
    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
          version INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          applied_at BIGINT NOT NULL);
        """;

    /// <summary>Migrates to the latest version and returns the version the database was at before.</summary>
    /// <param name="upgradeUnversioned">
    /// Work for a database that predates numbered migrations (version 0), run before step 1; step 1 is the first
    /// release's schema with <c>IF NOT EXISTS</c>, so a file that release wrote is adopted, not recreated.
    /// </param>
    public static async Task<int> MigrateAsync(
        DbConnection connection, DbTransaction transaction, string engine, long nowTicks,
        Func<DbConnection, DbTransaction, Task>? upgradeUnversioned, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(VersionTable, transaction: transaction, cancellationToken: cancellationToken));
        var current = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction: transaction, cancellationToken: cancellationToken));
        if (current > SchemaMigrations.Latest)
        {
            throw new SchemaTooNewException(current, SchemaMigrations.Latest);
        }

        if (current == 0 && upgradeUnversioned is not null)
        {
            await upgradeUnversioned(connection, transaction);
        }

        foreach (var step in SchemaMigrations.All.Where(m => m.Version > current))
        {
            await connection.ExecuteAsync(new CommandDefinition(step.Sql(engine), transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @nowTicks)",
                new { step.Version, step.Name, nowTicks }, transaction, cancellationToken: cancellationToken));
        }

        return current;
    }
}

/// <summary>The database was migrated by a newer sigfid than this one: running on it could corrupt what that release wrote.</summary>
public sealed class SchemaTooNewException(int found, int known) : InvalidOperationException(
    $"The store's schema is at version {found}, newer than this sigfid knows ({known}): run the release that upgraded it, or a newer one.")
{
    /// <summary>The version the database records.</summary>
    public int Found { get; } = found;
}
