using System;
using System.IO;
using Backtester.Cli.Running;
using Backtester.Indicators;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// An exception the strategy's own code throws is the user's to fix: <c>run</c> names the strategy, the method, the
/// file and line, the parameters and the message, exits with the user-error code and writes no result files. The
/// engine's failures stay internal errors.
/// </summary>
[Collection(nameof(CliFuseCollection))]
public class StrategyFaultTests
{
    private const string Data = "synthetic:events=2000,symbols=1,seed=3";

    [Fact]
    public void Run_of_a_strategy_that_throws_names_the_strategy_the_handler_its_line_and_the_parameters_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", "-s", "CliFuse", "-d", Data, "-p", "Fuse=2", "-o", dir.Path);

        AssertStrategyFailure(result, dir, "CliFuse", " with Fuse=2", "InvalidOperationException: fuse 2 blew.", "CliFuse.OnTrade (CliStrategies.cs");
    }

    [Fact]
    public void Run_of_a_sample_with_a_parameter_it_cannot_take_is_the_users_error_not_an_internal_one()
    {
        // SmaCross builds Sma(Fast) in its start handler; Sma refuses a period of 0 (the SDK's frames are skipped: the
        // strategy made the call). Unset parameters take their first grid value: Slow 500, Size 0.5.
        using var dir = new TempDirectory();
        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=0", "-o", dir.Path);

        AssertStrategyFailure(result, dir, "SmaCross", " with Fast=0, Slow=500, Size=0.5",
            "ArgumentOutOfRangeException: period ('0') must be greater than or equal to '1'. (Parameter 'period') Actual value was 0.", "SmaCross.Start (SmaCross.cs");
    }

    [Fact]
    public void A_walk_forward_whose_chosen_strategy_throws_out_of_sample_is_the_users_error_and_writes_nothing()
    {
        // The random walk starts 2024-01-01 with a trade a second. Windows of 2 days in sample, 12 h out: window 0 (in
        // sample to 2024-01-03 00:00, out to 12:00) runs clean; window 1's in sample ends at 2024-01-03 12:00, before the
        // fuse (18:00), so its one combination succeeds there and is chosen, and throws out of sample, at 18:00.
        Assert.Equal(new System.DateTime(2024, 1, 3, 18, 0, 0, System.DateTimeKind.Utc), System.DateTime.UnixEpoch.AddTicks(Strategies.CliLateFuse.FuseAt / 100));
        using var dir = new TempDirectory();
        var result = Cli.Run("walkforward", "-s", "CliLateFuse", "-d", "synthetic:events=400000,symbols=2,interval=1000000000",
            "--in-sample", "2d", "--out-of-sample", "12h", "-o", dir.Path);

        AssertStrategyFailure(result, dir, "CliLateFuse", "", "InvalidOperationException: the late fuse blew.", "CliLateFuse.OnTrade (CliStrategies.cs");
    }

    [Fact]
    public void The_tool_reports_a_handler_inlined_into_the_engine_as_unattributed_and_names_it_with_inlining_off_as_its_advice_says()
    {
        // The backtester tool as shipped (its runtimeconfig turns quick JIT off, so the replay loop is compiled optimized
        // at once, with CliLateFuse's small handler inlined into it), in a process of its own. The advice of the first
        // run is checked by following it.
        string tool = typeof(BacktesterCli).Assembly.Location;
        string strategies = typeof(StrategyFaultTests).Assembly.Location;
        string[] args = [tool, "walkforward", "--assembly", strategies, "-s", "CliLateFuse", "-d", "synthetic:events=400000,symbols=2,interval=1000000000",
            "--in-sample", "2d", "--out-of-sample", "12h", "-o"];
        using var inlined = new TempDirectory();
        using var named = new TempDirectory();

        var (code, error) = Tool([.. args, inlined.Path], inline: true);
        Assert.Equal(ExitCodes.InternalError, code);
        Assert.StartsWith("error: CliLateFuse's run stopped on InvalidOperationException: the late fuse blew. It was thrown in EventMerge.Drain, ", error);
        Assert.Contains("DOTNET_JitNoInline=1", error);
        Assert.Empty(Directory.GetFiles(inlined.Path, "*", SearchOption.AllDirectories));

        (code, error) = Tool([.. args, named.Path], inline: false);
        Assert.Equal(ExitCodes.UserError, code);
        Assert.Matches(@"^error: CliLateFuse threw InvalidOperationException in CliLateFuse\.OnTrade \(CliStrategies\.cs:\d+\): the late fuse blew\. No result files were written\.$", error.Trim());
        Assert.Empty(Directory.GetFiles(named.Path, "*", SearchOption.AllDirectories));
    }

    private static (int Code, string Error) Tool(string[] args, bool inline)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("DOTNET_JitNoInline");
        if (!inline) start.Environment["DOTNET_JitNoInline"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the tool did not finish in 2 minutes");
        _ = stdout.Result;
        return (process.ExitCode, error);
    }

    /// <summary>
    /// One of the two exact wordings, and nothing written. Which one depends on the JIT: a handler compiled on its own
    /// leaves its frame in the trace (the strategy is named as the thrower, a user error); one inlined into the engine's
    /// loop does not (the failure names the engine method, says it cannot tell, and prints the trace: exit code 2).
    /// </summary>
    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private static void AssertStrategyFailure(Cli.Result result, TempDirectory dir, string strategy, string with, string exception, string where)
    {
        string error = result.Error.Trim();
        int colon = exception.IndexOf(": ", System.StringComparison.Ordinal);
        string type = exception[..colon], message = exception[(colon + 2)..];
        if (result.ExitCode == ExitCodes.UserError)
        {
            // The line is the throwing call's in code compiled without optimization, and may be the method's start in optimized code.
            Assert.Matches($"^{Escape($"error: {strategy} threw {type} in {where}:")}\\d+\\){Escape($"{with}: {message} No result files were written.")}$", error);
        }
        else
        {
            Assert.Equal(ExitCodes.InternalError, result.ExitCode);
            string first = error.Split('\n')[0];
            Assert.Matches($"^error: {System.Text.RegularExpressions.Regex.Escape($"{strategy}'s run{with} stopped on {type}: {message} It was thrown in ")}[A-Za-z]+\\.[A-Za-z]+, engine code that calls {strategy}'s handlers and that the JIT compiles them into, so the trace cannot show whether the strategy's code threw it: run the command again with DOTNET_JitNoInline=1 in the environment \\(slower: nothing is inlined\\) to have it named\\. If the strategy threw it, fix it there; if not, please report it with this trace\\. No result files were written\\.$", first);
            Assert.Contains($"System.{type}: {message[..^1]}", error); // the trace follows
        }
        Assert.DoesNotContain("internal error", error);
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_throwing_frame_is_the_strategys_when_it_threw_itself_or_through_the_sdk_and_none_when_the_engine_threw()
    {
        var here = typeof(StrategyFaultTests).Assembly; // this test assembly plays the strategy's

        // Thrown here: the lambda's frame (a method of this class's closure, named after this test).
        var own = StrategyFault.ThrowingFrame(Caught(() => throw new InvalidOperationException("own")), here);
        Assert.Contains(nameof(The_throwing_frame_is_the_strategys_when_it_threw_itself_or_through_the_sdk_and_none_when_the_engine_threw), own!.GetMethod()!.Name);
        // Thrown by the SDK's Sma (and the runtime under it) on this assembly's call: this assembly's frame.
        var throughSdk = StrategyFault.ThrowingFrame(Caught(() => _ = new Sma(0)), here);
        Assert.Equal(here, throughSdk!.GetMethod()!.DeclaringType!.Assembly);
        // Thrown by the engine (AccountOptions.Margin refuses leverage below 1), though called from here: not the strategy's.
        Assert.Null(StrategyFault.ThrowingFrame(Caught(() => AccountOptions.Margin(0.5)), here));
        // The engine's own refusals are worded already.
        Assert.Null(StrategyFault.ThrowingFrame(Caught(() => throw new RunHaltedException(0, "X", 1, "p")), here));
    }

    private static Exception Caught(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new InvalidOperationException("did not throw");
    }
}
