using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace Backtester.Deploy.Tests;

/// <summary>
/// A private single-node Slurm cluster: its own MUNGE key and socket, slurm.conf, free ports, state and logs, all in one
/// folder, so it touches no system-wide Slurm or MUNGE and several can run on one machine. munged, slurmctld and slurmd
/// run as root in the foreground as the test's children; the node is this machine's CPUs and memory (as
/// <c>slurmd -C</c> reports them), with no cgroups. Dispose cancels every job and stops the three daemons.
/// </summary>
internal sealed partial class SlurmCluster : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] FinalStates = ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE"];

    private readonly IReadOnlyDictionary<string, string> _programs;
    private readonly string _folder;
    private readonly List<Daemon> _daemons = [];

    private SlurmCluster(IReadOnlyDictionary<string, string> programs, string folder)
    {
        _programs = programs;
        _folder = folder;
        ConfigFile = Path.Combine(folder, "slurm.conf");
        // Clients find the cluster through SLURM_CONF; the test's own SLURM_* and SBATCH_* variables (if it runs inside
        // a Slurm job) would leak into the submissions, so they are removed.
        var environment = new Dictionary<string, string?>();
        foreach (string name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
            if (name.StartsWith("SLURM_", StringComparison.Ordinal) || name.StartsWith("SBATCH_", StringComparison.Ordinal)) environment[name] = null;
        environment["SLURM_CONF"] = ConfigFile;
        Environment = environment;
    }

    /// <summary>The slurm.conf of this cluster.</summary>
    public string ConfigFile { get; }

    /// <summary>The variables a client (sbatch, scontrol, ...) needs to reach this cluster; null removes a variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>Starts the cluster in <paramref name="folder"/> and waits until its node is idle.</summary>
    public static SlurmCluster Start(IReadOnlyDictionary<string, string> programs, string folder, TimeSpan timeout)
    {
        if (!OperatingSystem.IsLinux()) Assert.Fail("The Slurm test brings up a Slurm cluster on this machine, which needs Linux.");
        if (!System.Environment.IsPrivilegedProcess)
            Assert.Fail("The Slurm test starts munged, slurmctld and slurmd as root (SlurmUser=root); run the tests as root, as CI does.");
        var cluster = new SlurmCluster(programs, folder);
        try
        {
            cluster.Boot(timeout);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    private void Boot(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string munge = Directory.CreateDirectory(Path.Combine(_folder, "munge")).FullName;
        Directory.CreateDirectory(Path.Combine(_folder, "state"));
        Directory.CreateDirectory(Path.Combine(_folder, "spool"));
        string key = Path.Combine(munge, "munge.key");
        File.WriteAllBytes(key, RandomNumberGenerator.GetBytes(128));
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite); // munged refuses a key others can read
        string socket = Path.Combine(munge, "munge.socket");

        string node = ChildProcess.Run(_programs["slurmd"], ["-C"], CommandTimeout).ShouldSucceed().Output;
        File.WriteAllText(ConfigFile, Configuration(NodeLine(node), socket));

        // --force: munged refuses a key or socket below a folder others may write to (a TMPDIR without the sticky bit, say);
        // that check guards a system-wide key, and this one is the test's alone.
        _daemons.Add(new Daemon("munged", _programs["munged"],
            ["--foreground", "--force", $"--key-file={key}", $"--socket={socket}", $"--pid-file={munge}/munged.pid",
             $"--log-file={munge}/munged.log", $"--seed-file={munge}/munged.seed"], Environment));
        WaitUntil(() => File.Exists(socket), "munged to create its socket", timeout - clock.Elapsed);
        _daemons.Add(new Daemon("slurmctld", _programs["slurmctld"], ["-D", "-f", ConfigFile], Environment));
        _daemons.Add(new Daemon("slurmd", _programs["slurmd"], ["-D", "-f", ConfigFile], Environment));
        WaitUntil(() => Run("sinfo", "--noheader", "--Node", "--format=%t").Output.Trim() == "idle", "the node to be idle", timeout - clock.Elapsed);
    }

    /// <summary>The NodeName line of this machine, from the first line of <c>slurmd -C</c>, with the node's address.</summary>
    private static string NodeLine(string slurmdC)
    {
        string line = slurmdC.Split('\n')[0].Trim();
        if (!line.StartsWith("NodeName=", StringComparison.Ordinal) || !line.Contains("RealMemory=", StringComparison.Ordinal))
            Assert.Fail($"slurmd -C printed no NodeName line with RealMemory:\n{slurmdC}");
        return $"{line} NodeAddr=127.0.0.1 State=UNKNOWN";
    }

    private static string Configuration(string nodeLine, string mungeSocket)
    {
        string folder = Path.GetDirectoryName(Path.GetDirectoryName(mungeSocket))!;
        string nodeName = nodeLine.Split(' ')[0]["NodeName=".Length..];
        return $"""
            # A single-node test cluster written by the Backtester.Deploy.Tests; everything it keeps is in this folder.
            ClusterName=backtester-test
            SlurmctldHost={nodeName}(127.0.0.1)
            SlurmctldPort={FreePort()}
            SlurmdPort={FreePort()}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            CredType=cred/munge
            AuthInfo=socket={mungeSocket}
            StateSaveLocation={folder}/state
            SlurmdSpoolDir={folder}/spool
            SlurmctldPidFile={folder}/slurmctld.pid
            SlurmdPidFile={folder}/slurmd.pid
            SlurmctldLogFile={folder}/slurmctld.log
            SlurmdLogFile={folder}/slurmd.log
            # No cgroups: track job processes through /proc, bind no tasks.
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU_Memory
            MpiDefault=none
            ReturnToService=2
            MailProg=/bin/true
            {nodeLine}
            PartitionName=test Nodes={nodeName} Default=YES MaxTime=INFINITE State=UP

            """;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Runs a Slurm client (<c>sbatch</c>, <c>scontrol</c>, ...) against this cluster.</summary>
    public ChildProcess.Result Run(string client, params string[] arguments) => RunIn(null, null, client, arguments);

    /// <summary>Runs a Slurm client in <paramref name="workingDirectory"/> with <paramref name="extra"/> variables added.</summary>
    public ChildProcess.Result RunIn(string? workingDirectory, IReadOnlyDictionary<string, string>? extra, string client, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>(Environment);
        foreach (var (name, value) in extra ?? new Dictionary<string, string>()) environment[name] = value;
        return ChildProcess.Run(_programs[client], arguments, CommandTimeout, workingDirectory, environment);
    }

    /// <summary>One job or array task (<paramref name="Id"/> is then the array's job id) as <c>scontrol show job</c> reports it.</summary>
    public sealed record Job(string Id, string ArrayTask, string State, string ExitCode)
    {
        public override string ToString() => $"{Id}{(ArrayTask.Length > 0 ? $"_{ArrayTask}" : "")} {State} exit {ExitCode}";
    }

    /// <summary>Polls until every job (each task of an array) of <paramref name="jobIds"/> has ended; returns them all.</summary>
    public IReadOnlyList<Job> WaitForJobs(IReadOnlyList<string> jobIds, TimeSpan timeout)
    {
        IReadOnlyList<Job> jobs = [];
        WaitUntil(() =>
        {
            jobs = jobIds.SelectMany(ShowJob).ToList();
            return jobs.All(j => FinalStates.Contains(j.State));
        }, $"jobs {string.Join(", ", jobIds)} to end (last seen: {string.Join("; ", jobs)})", timeout);
        return jobs;
    }

    private IEnumerable<Job> ShowJob(string id)
    {
        string output = Run("scontrol", "--oneliner", "show", "job", id).ShouldSucceed().Output;
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = Field().Matches(line).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            yield return new Job(fields.GetValueOrDefault("ArrayJobId", fields["JobId"]), fields.GetValueOrDefault("ArrayTaskId", ""), fields["JobState"], fields["ExitCode"]);
        }
    }

    [GeneratedRegex(@"(?:^|\s)(\w+)=(\S*)")]
    private static partial Regex Field();

    private void WaitUntil(Func<bool> condition, string what, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (_daemons.FirstOrDefault(d => d.HasExited) is { } dead) Assert.Fail($"{dead.Name} stopped while waiting for {what}.\n{Diagnostics()}");
            if (clock.Elapsed > timeout) Assert.Fail($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}.\n{Diagnostics()}");
            Thread.Sleep(250);
        }
    }

    /// <summary>The daemons' state and output and the ends of the Slurm logs, for a failure message.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        foreach (Daemon daemon in _daemons) text.AppendLine(daemon.Describe());
        foreach (string log in new[] { "slurmctld.log", "slurmd.log", "munge/munged.log" })
        {
            string path = Path.Combine(_folder, log);
            if (!File.Exists(path)) continue;
            string[] lines = File.ReadAllLines(path);
            text.AppendLine($"--- {log} (last 40 lines)").AppendJoin('\n', lines.Skip(Math.Max(0, lines.Length - 40))).AppendLine();
        }
        return text.ToString();
    }

    /// <summary>Cancels what is still queued or running (its processes are not the daemons' children), then stops the daemons.</summary>
    public void Dispose()
    {
        if (_daemons.Any(d => d.Name == "slurmctld" && !d.HasExited))
        {
            try
            {
                string[] queued = Run("squeue", "--noheader", "--format=%i").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (queued.Length > 0)
                {
                    Run("scancel", queued);
                    var clock = Stopwatch.StartNew();
                    while (clock.Elapsed < TimeSpan.FromSeconds(20) && Run("squeue", "--noheader", "--format=%i").Output.Trim().Length > 0) Thread.Sleep(250);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException) { } // stopping the daemons matters more
        }
        for (int i = _daemons.Count - 1; i >= 0; i--) _daemons[i].Dispose(); // slurmd, slurmctld, then munged
        _daemons.Clear();
    }
}
