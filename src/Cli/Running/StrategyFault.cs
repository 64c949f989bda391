using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Backtester.Infrastructure;

namespace Backtester.Cli.Running;

/// <summary>
/// Tells an exception the strategy's own code threw from a failure of the engine, and words it for the user: a bug in
/// the strategy (or parameters it cannot take, such as a zero period) is the user's to fix, not an internal error of the
/// tool to report. Example: <c>SmaCross threw ArgumentOutOfRangeException in SmaCross.Start (SmaCross.cs:37) with Fast=0,
/// Slow=1000, Size=0.5: period ('0') must be greater than or equal to '1'.</c>
/// </summary>
/// <remarks>
/// The rule reads the exception's stack from where it was thrown outwards, skipping every frame that is neither the
/// engine's nor the strategy's (the runtime's, the SDK's indicators and order calls, any library the strategy calls):
/// when the first frame left is in the strategy's assembly, the strategy threw, directly or through a call it made;
/// when it is the engine's, the engine did, and the failure stays an internal error. The generated driver lives in the
/// strategy's assembly but only forwards calls, so it never throws of its own.
/// </remarks>
internal static class StrategyFault
{
    private static readonly Assembly Engine = typeof(Backtest).Assembly;

    /// <summary>
    /// Runs <paramref name="run"/>; an exception <typeparamref name="TStrategy"/>'s own code threw becomes the user's error
    /// (<see cref="UserErrorException"/>) naming where, and with <paramref name="parameters"/> when one combination ran
    /// (null: the command ran several, as a walk-forward does), and saying that no result files were written (a run's
    /// files are written under temporary names and deleted when it fails).
    /// </summary>
    public static T Attributed<TStrategy, T>(string strategy, IReadOnlyList<KeyValuePair<string, string>>? parameters, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (ThrowingFrame(e, typeof(TStrategy).Assembly) is { } frame)
        {
            throw new UserErrorException(Sentence(Message(e, frame, strategy, parameters ?? [])) + " No result files were written.", e);
        }
        catch (Exception e) when (ThrownWhereHandlersRun(e, typeof(TStrategy).Assembly) is { } method)
        {
            string with = parameters is null || parameters.Count == 0 ? "" : " with " + string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"));
            throw new UnattributedRunFailure(
                $"{strategy}'s run{with} stopped on {e.GetType().Name}: {Sentence(OneLine(e.Message))} It was thrown in {method}, engine code that calls {strategy}'s handlers and that the JIT compiles them into, so the trace cannot show whether the strategy's code threw it: run the command again with DOTNET_JitNoInline=1 in the environment (slower: nothing is inlined) to have it named. If the strategy threw it, fix it there; if not, please report it with this trace. No result files were written.", e);
        }
    }

    /// <summary>
    /// The name of the engine method <paramref name="e"/> was thrown in when that method calls a strategy's handlers (it
    /// takes the driver, a type parameter constrained to <see cref="IStrategyDriver"/>, by reference, as the replay loop
    /// does) and the throw is in it, not in an engine method it called: where the strategy's handlers, inlined, throw.
    /// Null otherwise.
    /// (<paramref name="strategyAssembly"/>: frames of the strategy's own, when the JIT left them, are
    /// <see cref="ThrowingFrame"/>'s.)
    /// </summary>
    public static string? ThrownWhereHandlersRun(Exception e, Assembly strategyAssembly)
    {
        if (e is BacktesterException or OperationCanceledException or UserErrorException) return null;
        StackFrame[] frames = new StackTrace(e, fNeedFileInfo: false).GetFrames();
        foreach (StackFrame frame in frames)
        {
            MethodBase? method = frame.GetMethod();
            Type? type = method?.DeclaringType;
            if (type is null || type.Assembly == typeof(object).Assembly) continue; // the runtime's throw helpers
            if (type.Assembly != Engine) return null;
            // A trace names the generic definition (EventMerge.Drain[TSource, TDriver, TModels]), not its instantiation:
            // a method that calls the strategy's handlers takes the driver by reference (ref TDriver driver). One that
            // is only generic over it (WalkForward.Run, which validates its windows) does not call them itself.
            bool callsHandlers = method!.GetParameters().Any(p => p.ParameterType is { IsByRef: true } byRef
                && byRef.GetElementType() is { IsGenericParameter: true } t && t.GetGenericParameterConstraints().Contains(typeof(IStrategyDriver)));
            return callsHandlers ? $"{type.Name}.{method.Name}" : null;
        }
        return null;
    }

    /// <summary>The frame of <paramref name="strategyAssembly"/> that threw <paramref name="e"/>, or null when the strategy did not.</summary>
    public static StackFrame? ThrowingFrame(Exception e, Assembly strategyAssembly)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is BacktesterException or OperationCanceledException) return null; // the engine's own refusals, worded already
        foreach (StackFrame frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
        {
            Assembly? assembly = frame.GetMethod()?.DeclaringType?.Assembly;
            if (assembly == strategyAssembly) return frame;
            if (assembly == Engine) return null;
        }
        return null;
    }

    /// <summary>
    /// The user's message for <paramref name="e"/>, thrown at <paramref name="frame"/> by <paramref name="strategy"/> run
    /// with <paramref name="parameters"/>: the exception's type and message, the method and, when the strategy's
    /// symbols are there, its file and line.
    /// </summary>
    public static string Message(Exception e, StackFrame frame, string strategy, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        MethodBase? method = frame.GetMethod();
        string where = method is null ? "" : $" in {MethodName(method)}";
        if (frame.GetFileName() is { Length: > 0 } file)
            where += string.Create(CultureInfo.InvariantCulture, $" ({Path.GetFileName(file)}:{frame.GetFileLineNumber()})");
        string with = parameters.Count == 0 ? "" : " with " + string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"));
        return $"{strategy} threw {e.GetType().Name}{where}{with}: {OneLine(e.Message)}";
    }

    private static string OneLine(string message) =>
        string.Join(" ", message.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";

    /// <summary>The method's name as the user wrote it: a handler's, or a lambda's enclosing method (<c>&lt;Start&gt;b__0</c> is Start's).</summary>
    private static string MethodName(MethodBase method)
    {
        string name = method.Name;
        if (name.StartsWith('<') && name.IndexOf('>') is > 1 and int end) name = name[1..end];
        Type? type = method.DeclaringType;
        while (type is not null && type.Name.StartsWith('<')) type = type.DeclaringType; // a closure's class: its owner's name
        return type is null ? name : $"{type.Name}.{name}";
    }
}
