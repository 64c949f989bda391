using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace Backtester.Packaging.Tests;

/// <summary>Runs a bash script as a child process, as a user's shell would, capturing stdout and stderr together.</summary>
internal static class Shell
{
    /// <summary>Runs <paramref name="script"/> with <c>bash -euo pipefail</c> in <paramref name="workingDirectory"/>; never throws for a non-zero exit.</summary>
    public static CliResult Run(string workingDirectory, string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-euo", "pipefail", "-c", script }) start.ArgumentList.Add(argument);
        foreach (string key in new List<string>(start.Environment.Keys))
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("DOTNET_", StringComparison.Ordinal) || key.StartsWith("VSTEST", StringComparison.Ordinal))
                start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment) start.Environment[key] = value;

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
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) Assert.Fail($"Timed out after {timeout.TotalSeconds:F0} s: {script}\n{output}");
        }
        process.WaitForExit();
        lock (output) return new CliResult($"bash -c '{script}'", process.ExitCode, output.ToString(), clock.Elapsed);
    }
}
