using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace Backtester.Engine.Tests;

/// <summary>
/// Reads Arrow IPC files with the official Apache Arrow JavaScript implementation (tests/arrow-js), an independent
/// reader of what we write. Installs its npm package from the committed lockfile on first use.
/// </summary>
internal static class ArrowJs
{
    private static readonly Lock InstallGate = new();
    private static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "arrow-js");

    public static JsonElement Read(string arrowFile)
    {
        EnsureInstalled();
        string output = Run("node", $"read-arrow.mjs \"{arrowFile}\"");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>
    /// Recomputes a run's summary from its result files with <c>audit-run.mjs</c>, a second method that shares no code
    /// with the engine (its own position replay, round trips, equity samples and statistics); throws with its listing when
    /// any figure differs beyond its tolerance. Returns the listing.
    /// </summary>
    public static string AuditRun(string runFolder, params string[] options)
    {
        EnsureInstalled();
        return Run("node", $"audit-run.mjs \"{runFolder}\" {string.Join(' ', Array.ConvertAll(options, o => $"\"{o}\""))}");
    }

    private static void EnsureInstalled()
    {
        lock (InstallGate)
        {
            if (File.Exists(Path.Combine(Folder, "node_modules", "apache-arrow", "package.json"))) return;
            Run("npm", "ci --no-audit --no-fund --loglevel=error");
        }
    }

    private static string Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in 5 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}:\n{stderr.Result}\n{stdout}");
        return stdout;
    }
}
