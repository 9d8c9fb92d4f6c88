using System.Diagnostics;

namespace SignalFidelity.Worker.Tests.Crash;

/// <summary>One <c>sigfid</c> verb as an operator runs it: a real process, configured through the environment.</summary>
internal static class SigfidCommand
{
    /// <summary>Runs <paramref name="arguments"/> in <paramref name="workingDirectory"/>; returns the exit code and everything printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", WorkerProcess.SigfidDll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.Environment["COLUMNS"] = "200";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
