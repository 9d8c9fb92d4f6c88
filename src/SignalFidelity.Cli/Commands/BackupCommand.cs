using System.CommandLine;
using SignalFidelity.Cli.Worker;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Commands;

/// <summary><c>sigfid backup --to FILE</c>: an online, consistent copy of the worker's SQLite store (VACUUM INTO), checked.</summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var to = new Option<FileInfo>("--to") { Description = "The backup file to write; it must not exist yet.", Required = true };
        var command = new Command("backup", "Copies the worker's SQLite store while the worker runs (VACUUM INTO) and checks the copy.") { to };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = WorkerConfiguration.Load([.. parseResult.UnmatchedTokens]);
            if (!string.IsNullOrWhiteSpace(options.Store.Postgres))
            {
                Console.Error.WriteLine("sigfid: SignalFidelity:Store:Postgres is set: back PostgreSQL up with pg_dump (docs/deployment.md); `backup` copies the SQLite store.");
                return ConfiguredStore.UnusableInput;
            }

            if (ConfiguredStore.IsMissingSqlite(options))
            {
                return ConfiguredStore.UnusableInput;
            }

            var target = parseResult.GetValue(to)!;
            if (target.Exists)
            {
                Console.Error.WriteLine($"sigfid: --to {target.FullName} exists; name a new file (a backup never overwrites one).");
                return ConfiguredStore.UnusableInput;
            }

            SqliteBackup.Result result;
            try
            {
                result = await SqliteBackup.WriteAsync(options.Store.Sqlite, target.FullName, cancellationToken);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                Console.Error.WriteLine($"sigfid: the backup to --to {target.FullName} failed: {e.Message} (does its folder exist and can this user write it?)");
                return ConfiguredStore.UnusableInput;
            }

            Console.WriteLine($"backup {result.Path}: {result.Bytes} bytes, schema version {result.SchemaVersion}, integrity {result.IntegrityCheck}");
            return result.IntegrityCheck == "ok" ? 0 : 1;
        });
        return command;
    }
}
