using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using Backtester.Cli.Data;
using Backtester.Cli.Reports;
using Backtester.Cli.Research;
using Backtester.Cli.Running;
using Backtester.Cli.Sweeps;
using Backtester;

namespace Backtester.Cli;

/// <summary>The <c>backtester</c> command line: builds the command tree, runs one command, maps failures to exit codes.</summary>
public static class BacktesterCli
{
    /// <summary>Runs the command line <paramref name="args"/> against <paramref name="console"/> and returns the exit code.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        RootCommand root = CreateRootCommand(console);
        ParseResult parsed = root.Parse(args);
        try
        {
            // Parse errors get one line, not the library's error list followed by the whole help text.
            if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
                throw new UserErrorException($"{Describe(parsed.Errors[0])} (see '{CommandPath(parsed)} --help')");
            return parsed.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UserErrorException e)
        {
            console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.UserError;
        }
        catch (Exception e) when (IsUserFacing(e))
        {
            console.Error.WriteLine("error: " + MessageOf(e));
            return ExitCodes.UserError;
        }
        catch (Running.UnattributedRunFailure e)
        {
            console.Error.WriteLine("error: " + e.Message);
            console.Error.WriteLine(e.InnerException);
            return ExitCodes.InternalError;
        }
        catch (Exception e)
        {
            console.Error.WriteLine("internal error (please report it): " + e);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The command tree.</summary>
    public static RootCommand CreateRootCommand(CliConsole console)
    {
        var root = new RootCommand("Backtest trading strategies written with the Backtester SDK: run, sweep, walk forward, convert data, report, inspect results.");
        root.Add(RunCommand.Create(console));
        root.Add(SweepCommand.Create(console));
        root.Add(WalkForwardCommand.Create(console));
        root.Add(SearchCommand.Create(console));
        root.Add(OverfittingCommand.Create(console));
        root.Add(DataCommands.Create(console));
        root.Add(ReportCommand.Create(console));
        root.Add(Inspecting.InspectCommand.Create(console));
        return root;
    }

    /// <summary>A parse error on one line, prefixed with the option it is about ("--queue: Argument 'fifo' not recognized. Must be one of: 'none', ...").</summary>
    private static string Describe(System.CommandLine.Parsing.ParseError error)
    {
        string message = string.Join(" ", error.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        message = message.Replace(": '", ": '", StringComparison.Ordinal).Replace("' '", "', '", StringComparison.Ordinal);
        System.CommandLine.Parsing.SymbolResult? symbol = error.SymbolResult;
        if (symbol is System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult parent }) symbol = parent;
        return symbol is System.CommandLine.Parsing.OptionResult option && !message.Contains(option.Option.Name, StringComparison.Ordinal)
            ? $"{option.Option.Name}: {message}"
            : message;
    }

    private static string CommandPath(ParseResult parsed)
    {
        string path = "";
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            path = result.Command is RootCommand ? "backtester" + path : " " + result.Command.Name + path;
        return path;
    }

    /// <summary>
    /// Failures the user can fix wherever they happen: the engine's own (<see cref="BacktesterException"/>: bad data,
    /// unwritable results, a run halted on a non-finite value) and the operating system refusing a file or folder the
    /// user named (permission denied, disk full, read-only file system, a path that names a file). Everything else is a bug.
    /// </summary>
    internal static bool IsUserFacing(Exception e) =>
        e is BacktesterException or UnauthorizedAccessException or IOException;

    /// <summary>Turns the failures of reading user-named inputs into user errors; anything else stays internal.</summary>
    /// <remarks>
    /// Refused market data is worded by <see cref="DataAdvice"/>: without repeating a source <paramref name="what"/>
    /// names, and with the remedy as <paramref name="advise"/> words it (default: the replaying commands' flags).
    /// </remarks>
    internal static T Input<T>(string what, Func<T> read, Func<Backtester.Data.MarketDataRemedy, string>? advise = null)
    {
        try
        {
            return read();
        }
        catch (MarketDataException e)
        {
            string message = DataAdvice.Message(e, what, advise ?? DataAdvice.Replaying).ReplaceLineEndings(" ");
            throw new UserErrorException(what.Length == 0 ? message : $"{what}: {message}", e);
        }
        catch (Exception e) when (IsUserFacing(e) || e is InvalidDataException or ArgumentException)
        {
            throw new UserErrorException(what.Length == 0 ? MessageOf(e) : $"{what}: {MessageOf(e)}", e);
        }
    }

    /// <summary>
    /// The exception's message on one line, without the "(Parameter 'x')" suffix meant for programmers; refused market
    /// data with the remedy in the command line's terms (<see cref="DataAdvice.Replaying"/>).
    /// </summary>
    internal static string MessageOf(Exception e)
    {
        if (e is MarketDataException data) return DataAdvice.Message(data, "", DataAdvice.Replaying).ReplaceLineEndings(" ");
        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
            message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        return message.ReplaceLineEndings(" ");
    }
}
