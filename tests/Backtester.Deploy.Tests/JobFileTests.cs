using System.IO;
using System.Text.RegularExpressions;

namespace Backtester.Deploy.Tests;

/// <summary>The deploy/ files' own numbers agree: as many shards as tasks, as many threads as granted CPUs.</summary>
public class JobFileTests
{
    private static string Read(params string[] path) => File.ReadAllText(RepositoryPaths.File(path));

    private static string Match(string text, string pattern)
    {
        var match = Regex.Match(text, pattern, RegexOptions.Multiline);
        Assert.True(match.Success, $"no match for {pattern}");
        return match.Groups[1].Value;
    }

    [Fact]
    public void Kubernetes_job_has_one_pod_per_shard_and_threads_from_its_cpu_request()
    {
        string job = Read("deploy", "kubernetes", "sweep-job.yaml");
        string completions = Match(job, @"^\s*completions:\s*(\d+)");
        Assert.Equal(completions, Match(job, @"--shard=auto/(\d+)"));
        Assert.Equal(completions, Match(job, @"sweep-shard-\*-of-(\d+)\.arrow"));
        Assert.Equal("THREADS", Match(job, @"--threads=\$\((\w+)\)"));
        Assert.Matches(@"name: THREADS\s+valueFrom: \{ resourceFieldRef: \{ resource: requests\.cpu \} \}", job);
    }

    [Fact]
    public void Slurm_script_has_one_task_per_shard_and_threads_from_its_cpus()
    {
        string script = Read("deploy", "slurm", "sweep.sbatch");
        var range = Regex.Match(script, @"^#SBATCH --array=(\d+)-(\d+)$", RegexOptions.Multiline);
        Assert.True(range.Success, "sweep.sbatch has no #SBATCH --array=first-last line");
        int tasks = int.Parse(range.Groups[2].Value) - int.Parse(range.Groups[1].Value) + 1;
        Assert.Equal($"{tasks}", Match(script, @"^shards=\$\{BACKTESTER_SHARDS:-(\d+)\}"));
        Assert.Equal($"{tasks}", Match(script, @"sweep-shard-\*-of-(\d+)\.arrow"));
        Assert.Equal("SLURM_CPUS_PER_TASK", Match(script, @"^threads=\$\{(\w+):-1\}"));
        Assert.Contains("--threads \"$threads\"", script);
        // Slurm opens the log before the script runs: a folder in --output would have to exist beforehand.
        Assert.DoesNotContain("/", Match(script, @"^#SBATCH --output=(\S+)"));
    }
}
