using System.Diagnostics;

namespace SignalFidelity.Worker.Tests.Crash;

/// <summary>
/// An operator's <c>sigfid</c> command (status, deadletters, backup) as a real process in a temporary folder that
/// holds the worker's SQLite store, found through the environment variable the worker reads. Disposing deletes the folder.
/// </summary>
internal sealed class OperatorCommand : IDisposable
{
    private readonly DirectoryInfo _folder;

    public OperatorCommand(string prefix) => _folder = Directory.CreateTempSubdirectory(prefix);

    public string Folder => _folder.FullName;

    public string Database => Path.Combine(_folder.FullName, "worker.db");

    /// <summary>The shop the commands are configured for (SignalFidelity:Shopify:ShopDomain), whose rows they see.</summary>
    public const string Shop = "s.myshopify.com";

    public Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        SigfidCommand.RunAsync(_folder.FullName, new Dictionary<string, string> { ["SignalFidelity__Store__Sqlite"] = Database, ["SignalFidelity__Shopify__ShopDomain"] = Shop }, arguments);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
