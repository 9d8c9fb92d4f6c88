using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SignalFidelity.Cli.Tests.Commands;

/// <summary>
/// The real <c>sigfid</c> on a pseudo-terminal (util-linux <c>script</c>), where Spectre.Console colours its output:
/// <c>--no-color</c> and <c>NO_COLOR</c> take the colour away. The command is an audit with three missing exports,
/// which also shows every missing input is reported in one run.
/// </summary>
public sealed partial class TerminalOutputTests
{
    private static readonly string Sigfid = Path.Combine(AppContext.BaseDirectory, "sigfid.dll");

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public async Task Colour_shows_on_a_terminal_unless_no_color_is_asked_for(bool flag, bool environment, bool coloured)
    {
        using var folder = new Topology.TempFolder();
        var (exitCode, printed) = await OnTerminalAsync(folder.Path, environment,
            ["audit", .. flag ? new[] { "--no-color" } : [], "--shopify-customers", "customers.csv", "--shopify-orders", "orders.csv", "--crm", "klaviyo", "--crm-profiles", "profiles.csv"]);

        Assert.Equal(2, exitCode);
        foreach (var (option, file) in new[] { ("--shopify-customers", "customers.csv"), ("--shopify-orders", "orders.csv"), ("--crm-profiles", "profiles.csv") })
        {
            Assert.Contains($"audit: {option}: file '{Path.Combine(folder.Path, file)}' does not exist.", printed, StringComparison.Ordinal);
        }

        Assert.True(ColourEscape().IsMatch(printed) == coloured, $"colour expected: {coloured}\n{printed.Replace("\u001b", "ESC", StringComparison.Ordinal)}");
    }

    private static async Task<(int ExitCode, string Printed)> OnTerminalAsync(string folder, bool noColorVariable, string[] arguments)
    {
        // A wide terminal, so Spectre does not wrap the long lines the test looks for.
        var command = "stty cols 400; " + string.Join(' ', new[] { "dotnet", Sigfid }.Concat(arguments).Select(a => "'" + a + "'"));
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var argument in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        if (noColorVariable)
        {
            start.Environment["NO_COLOR"] = "1";
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    // SGR colour parameters: 30-37/90-97 foreground, 40-47/100-107 background, 38;5;n / 38;2;r;g;b and the 48 forms.
    [GeneratedRegex(@"\u001b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;[25]|48;[25])[0-9;]*m")]
    private static partial Regex ColourEscape();
}
