using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SignalFidelity.Worker.Tests.Storage;

/// <summary>
/// The PostgreSQL the storage suite runs against: the one CI started (SIGFID_TEST_POSTGRES), or,
/// on a developer machine without it, a throwaway cluster started here the way .ci/run does it.
/// Under CI a missing server is a failure, never a silent pass.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private string? _ownClusterDirectory;

    /// <summary>The server's connection string (database postgres).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SIGFID_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            ConnectionString = fromEnvironment;
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("SIGFID_TEST_POSTGRES is not set under CI: .ci/run must start PostgreSQL and export it.");
        }

        if (!File.Exists(Path.Combine(PgBin, "initdb")))
        {
            throw new InvalidOperationException($"No PostgreSQL: set SIGFID_TEST_POSTGRES or install postgresql-15 ({PgBin}).");
        }

        _ownClusterDirectory = Directory.CreateTempSubdirectory("sigfid-pg-test.").FullName;
        var port = FreePort();
        var data = Path.Combine(_ownClusterDirectory, "data");
        await RunAsync("chown", $"postgres {_ownClusterDirectory}");
        await RunAsPostgresAsync($"{PgBin}/initdb -D '{data}' -A trust -U sigfid >/dev/null");
        await RunAsPostgresAsync(
            $"{PgBin}/pg_ctl -D '{data}' -o '-p {port} -k {_ownClusterDirectory} -c listen_addresses=127.0.0.1 -c fsync=off' -l '{_ownClusterDirectory}/log' -w start >/dev/null");
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=sigfid;Database=postgres";
    }

    /// <summary>A connection string whose search path is a new, empty schema: one per test.</summary>
    public async Task<string> CreateIsolatedSchemaAsync()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ToString();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_ownClusterDirectory is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await RunAsPostgresAsync($"{PgBin}/pg_ctl -D '{_ownClusterDirectory}/data' -m immediate stop >/dev/null 2>&1 || true");
        Directory.Delete(_ownClusterDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // initdb refuses root, so the cluster runs as the postgres user, from a folder it can read.
    private static Task RunAsPostgresAsync(string script) => RunAsync("su", $"postgres -s /bin/sh -c \"cd /tmp && {script}\"");

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {error}");
        }
    }
}

/// <summary>One PostgreSQL server for every test class that needs it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "postgres";
}
