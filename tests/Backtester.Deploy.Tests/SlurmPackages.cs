using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Backtester.Deploy.Tests;

/// <summary>
/// Finds the Slurm and MUNGE programs, installing Debian's <c>slurm-wlm</c> and <c>munge</c> with apt-get when one is
/// missing. A machine that cannot install them fails the test with the reason: the Slurm test is never skipped.
/// </summary>
internal static class SlurmPackages
{
    private static readonly string[] Programs = ["munged", "slurmctld", "slurmd", "sbatch", "scontrol", "sinfo", "squeue", "scancel"];
    private static readonly string[] SystemFolders = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"];
    private static readonly TimeSpan UpdateTimeout = TimeSpan.FromSeconds(45), InstallTimeout = TimeSpan.FromSeconds(150);

    /// <summary>The full path of every program the test runs, by name.</summary>
    public static IReadOnlyDictionary<string, string> EnsureInstalled(Action<string> log)
    {
        string[] missing = Programs.Where(p => Find(p) is null).ToArray();
        if (missing.Length > 0)
        {
            string why = $"the Slurm test runs deploy/slurm/sweep.sbatch on a real cluster and needs {string.Join(", ", missing)}, which are not installed";
            if (!Environment.IsPrivilegedProcess)
                Assert.Fail($"{why}; this process is not root, so it cannot install them. Run `apt-get install slurm-wlm munge` as root, or the tests as root (as CI does).");
            string? aptGet = Find("apt-get");
            if (aptGet is null) Assert.Fail($"{why}, and there is no apt-get to install Debian's slurm-wlm and munge with. Install Slurm and MUNGE yourself.");
            log($"Installing Debian's slurm-wlm and munge with apt-get: {why}.");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            // Another apt-get on the machine may hold the lock for a while: wait for it rather than fail. The timeouts are
            // generous, as killing apt-get halfway would leave dpkg half-configured.
            string[] wait = ["-o", "DPkg::Lock::Timeout=60"];
            var update = ChildProcess.Run(aptGet!, [.. wait, "update", "-q"], UpdateTimeout, environment: environment);
            if (update.ExitCode != 0) log($"apt-get update failed (trying the install with the package lists there are):\n{update.Output}");
            ChildProcess.Run(aptGet!, [.. wait, "install", "-y", "-q", "--no-install-recommends", "slurm-wlm", "munge"], InstallTimeout, environment: environment)
                .ShouldSucceed();
            missing = Programs.Where(p => Find(p) is null).ToArray();
            if (missing.Length > 0) Assert.Fail($"apt-get installed slurm-wlm and munge, but {string.Join(", ", missing)} are still missing.");
            log($"Installed slurm-wlm and munge in {clock.Elapsed.TotalSeconds:F0} s.");
        }
        return Programs.ToDictionary(p => p, p => Find(p)!);
    }

    /// <summary>The program on PATH or in the system folders (daemons live in /usr/sbin, often not on a user's PATH).</summary>
    private static string? Find(string program)
    {
        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (string folder in path.Concat(SystemFolders))
        {
            string candidate = Path.Combine(folder, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
