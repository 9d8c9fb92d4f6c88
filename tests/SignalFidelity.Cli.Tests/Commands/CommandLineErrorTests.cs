using System.Diagnostics;

namespace SignalFidelity.Cli.Tests.Commands;

/// <summary>The real <c>sigfid</c>: a command line that does not parse is unusable input (exit 2) with a message naming the fix.</summary>
public sealed class CommandLineErrorTests
{
    private static readonly string Sigfid = Path.Combine(AppContext.BaseDirectory, "sigfid.dll");

    [Theory]
    [InlineData(new[] { "demo", "--customers", "-5" }, "--customers -5: the demo needs at least 50 customers (allowed: 50 or more).")]
    [InlineData(new[] { "staus" }, "status")]
    [InlineData(new[] { "schema", "check" }, "--to")]
    public async Task A_command_line_that_does_not_parse_exits_2_naming_the_option_or_the_nearest_verb(string[] args, string named)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Sigfid);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        var printed = await stdout + await stderr;

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(named, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter '", printed, StringComparison.Ordinal);
    }
}
