using System.CommandLine;
using Spectre.Console;

namespace SignalFidelity.Cli.Terminal;

/// <summary>
/// <c>--no-color</c> on every verb, and the <c>NO_COLOR</c> convention (no-color.org: any non-empty value turns
/// colour off; bold stays, as the convention asks only that no colour be added). Output that is not a terminal has
/// no escapes anyway: Spectre.Console detects it.
/// </summary>
internal static class NoColor
{
    public static readonly Option<bool> Option = new("--no-color")
    {
        Description = "Print without colour or other terminal escapes (as the NO_COLOR environment variable does).",
        Recursive = true,
    };

    /// <summary>Switches the shared console to plain text when the command line or the environment asks for it.</summary>
    public static void ApplyIfRequested(ParseResult parsed)
    {
        if (parsed.GetValue(Option) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
        {
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                // Spectre's non-ANSI backend resets colours through System.Console, which on a terminal writes an
                // escape sequence of its own; the ANSI backend with no colour system writes none for colours.
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.NoColors,
                Out = new AnsiConsoleOutput(Console.Out),
            });
        }
    }
}
