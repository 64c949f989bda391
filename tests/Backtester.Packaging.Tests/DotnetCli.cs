using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace Backtester.Packaging.Tests;

/// <summary>Runs the <c>dotnet</c> CLI as a child process with a timeout, capturing stdout and stderr together.</summary>
internal static class DotnetCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Runs <c>dotnet arguments...</c> in <paramref name="workingDirectory"/>; never throws for a non-zero exit.</summary>
    public static CliResult Run(string workingDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        ConfigureEnvironment(start.Environment, environment);

        string commandLine = $"dotnet {string.Join(' ', start.ArgumentList)}  (in {workingDirectory})";
        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        TimeSpan limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) Assert.Fail($"Timed out after {limit.TotalSeconds:F0} s: {commandLine}\n{output}");
        }
        process.WaitForExit(); // drains the asynchronous output readers
        lock (output) return new CliResult(commandLine, process.ExitCode, output.ToString(), clock.Elapsed);
    }

    /// <summary>
    /// A quiet, reproducible child: no telemetry or banners, and no MSBuild node, build server or compiler server left
    /// running after the command (a lingering server would keep the redirected pipes open and outlive the test).
    /// MSBuild variables that the test host inherits from the `dotnet test` that started it are removed, so the child
    /// picks its own SDK like a user's shell would.
    /// </summary>
    private static void ConfigureEnvironment(IDictionary<string, string?> env, IReadOnlyDictionary<string, string>? extra)
    {
        foreach (string key in new List<string>(env.Keys))
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)) env.Remove(key);
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        env["DOTNET_NOLOGO"] = "1";
        env["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        env["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        env["MSBUILDDISABLENODEREUSE"] = "1";
        env["UseSharedCompilation"] = "false";
        if (extra is null) return;
        foreach (var (key, value) in extra) env[key] = value;
    }
}

/// <summary>The outcome of one <see cref="DotnetCli"/> command: exit code and the interleaved stdout/stderr.</summary>
internal sealed record CliResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>Fails the test, with the command's whole output, unless it exited with 0.</summary>
    public CliResult ShouldSucceed()
    {
        if (ExitCode != 0) Assert.Fail($"Exit code {ExitCode}: {CommandLine}\n{Output}");
        return this;
    }

    public override string ToString() => $"{CommandLine} -> exit {ExitCode} in {Elapsed.TotalSeconds:F1} s\n{Output}";
}
