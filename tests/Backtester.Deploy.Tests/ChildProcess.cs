using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace Backtester.Deploy.Tests;

/// <summary>Runs a program to its end with a timeout, capturing stdout and stderr together.</summary>
internal static class ChildProcess
{
    /// <summary>The outcome of one command.</summary>
    public sealed record Result(string CommandLine, int ExitCode, string Output)
    {
        /// <summary>Fails the test, with the command's whole output, unless it exited with 0.</summary>
        public Result ShouldSucceed()
        {
            if (ExitCode != 0) Assert.Fail($"Exit code {ExitCode}: {CommandLine}\n{Output}");
            return this;
        }
    }

    /// <summary>
    /// Runs <paramref name="program"/>; never throws for a non-zero exit, fails the test on the timeout (after killing the
    /// process tree). <paramref name="environment"/> adds variables, and a null value removes one.
    /// </summary>
    public static Result Run(string program, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // closed at once: nothing may wait for a terminal
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;

        string commandLine = $"{program} {string.Join(' ', start.ArgumentList)}";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) Assert.Fail($"Timed out after {timeout.TotalSeconds:F0} s: {commandLine}\n{output}");
        }
        process.WaitForExit(); // drains the asynchronous readers
        lock (output) return new Result(commandLine, process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
