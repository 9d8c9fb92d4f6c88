using System.Diagnostics;
using SignalFidelity.Worker.Tests.Crash;

namespace SignalFidelity.Worker.Tests.Hosting;

/// <summary>
/// <c>sigfid worker</c> as an operator starts it, with settings it cannot run on: one line on stderr naming the
/// settings, no stack trace, and an exit code a supervisor can act on.
/// </summary>
public sealed class WorkerCommandErrorTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-worker-command-test.");

    [Fact]
    public async Task Bad_configuration_exits_2_with_one_line_naming_every_key_and_no_stack_trace()
    {
        var (exitCode, stdout, stderr) = await SigfidWorkerAsync(new Dictionary<string, string>
        {
            ["SignalFidelity__Shopify__MaxBodyBytes"] = "-1",
            ["SignalFidelity__Dispatch__BatchSize"] = "0",
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sigfid worker: invalid configuration, 3 problems: ", line);
        Assert.Contains("No shop is configured: set SignalFidelity:Shopify:ShopDomain", line);
        Assert.Contains("SignalFidelity:Shopify:MaxBodyBytes is -1; it must be between 1024 and 104857600", line);
        Assert.Contains("SignalFidelity:Dispatch:BatchSize is 0; it must be between 1 and 1000", line);
        Assert.DoesNotContain("   at ", stderr + stdout);
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_exits_3_with_one_line_naming_its_setting()
    {
        var notAFolder = Path.Combine(_folder.FullName, "a-file");
        await File.WriteAllTextAsync(notAFolder, "not a folder");

        var (exitCode, stdout, stderr) = await SigfidWorkerAsync(new Dictionary<string, string>
        {
            ["SignalFidelity__Shopify__WebhookSecret"] = "shpss_test",
            ["SignalFidelity__Shopify__ShopDomain"] = "snowdevil.myshopify.com",
            ["SignalFidelity__Store__Sqlite"] = Path.Combine(notAFolder, "worker.db"),
            ["SignalFidelity__Store__StartupRetry"] = "00:00:00",
        });

        Assert.Equal(3, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sigfid worker: cannot open the store, SQLite ", line);
        Assert.EndsWith("check SignalFidelity:Store:Sqlite", line);
        Assert.DoesNotContain("   at ", stderr + stdout);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private async Task<(int ExitCode, string Stdout, string Stderr)> SigfidWorkerAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", WorkerProcess.SigfidDll, "worker", "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.FullName,
        };
        start.Environment["Logging__LogLevel__Default"] = "Error"; // the store's retry warning is not the line under test
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
