using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Backtester.Deploy.Tests;

/// <summary>
/// A daemon run in the foreground as this test's child, so the test knows its process and ends exactly that one on
/// dispose: SIGTERM, so that it stops its own helpers, then SIGKILL to its process tree if it is still there after 10 s.
/// Its console output is kept, capped, for failure messages.
/// </summary>
internal sealed class Daemon : IDisposable
{
    private const int MaxOutput = 20_000;
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public Daemon(string name, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        Name = name;
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the daemon printed, and how it ended if it did.</summary>
    public string Describe()
    {
        string state = _process.HasExited ? $"exited with {_process.ExitCode}" : $"running as pid {_process.Id}";
        lock (_output) return $"{Name} ({state}):\n{_output}";
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
            if (_output.Length < MaxOutput) _output.AppendLine(line);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited && (!OperatingSystem.IsLinux() || Kill(_process.Id, SigTerm) != 0 || !_process.WaitForExit(10_000)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { } // ended between the check and the kill
        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
