using System;
using System.IO;
using Spectre.Console;

namespace Backtester.Cli;

/// <summary>
/// Where a command writes and what it may assume about the terminal. Tests pass string writers and their own
/// environment; the tool passes the process's console.
/// </summary>
/// <param name="Out">Results: tables, JSON.</param>
/// <param name="Error">Errors, warnings and plain progress lines.</param>
/// <param name="Environment">Reads an environment variable (null when unset).</param>
/// <param name="IsTerminal">True when <paramref name="Out"/> is an interactive terminal (not redirected).</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<string, string?> Environment, bool IsTerminal)
{
    /// <summary>The process's console and environment.</summary>
    public static CliConsole FromSystem() =>
        new(Console.Out, Console.Error, System.Environment.GetEnvironmentVariable, !Console.IsOutputRedirected);

    /// <summary>Colors only on a terminal, and never when NO_COLOR is set (https://no-color.org).</summary>
    public bool UseColor => IsTerminal && string.IsNullOrEmpty(Environment("NO_COLOR"));

    /// <summary>Live (redrawn) progress only on a terminal without NO_COLOR, and not under CI.</summary>
    public bool UseAnimation => UseColor && string.IsNullOrEmpty(Environment("CI"));

    /// <summary>A Spectre console over <see cref="Out"/> that honours <see cref="UseColor"/> and <see cref="UseAnimation"/>.</summary>
    public IAnsiConsole CreateAnsiConsole()
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = UseColor ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = UseColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = UseAnimation ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Out),
        });
        // A redirected output (a file, a pipe, a CI log) has no width of its own: COLUMNS when set, else wide enough that
        // no table wraps a number across lines (at 80 columns the walk-forward table split -250.560528 into "-250." and
        // "56052"), which a reader of the file, or a script, could not take back.
        if (!IsTerminal) console.Profile.Width = RedirectedWidth(Environment("COLUMNS"));
        return console;
    }

    /// <summary>The width tables are laid out for when the output is not a terminal.</summary>
    public const int DefaultRedirectedWidth = 240;

    private static int RedirectedWidth(string? columns) =>
        int.TryParse(columns, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int width) && width is >= 40 and <= 10_000
            ? width
            : DefaultRedirectedWidth;
}
