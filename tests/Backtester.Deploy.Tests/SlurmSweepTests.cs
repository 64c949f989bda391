using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit.Abstractions;

namespace Backtester.Deploy.Tests;

/// <summary>
/// deploy/slurm/sweep.sbatch, unchanged, as a job array on a real (private, single-node) Slurm cluster, merged with the
/// dependency job its header shows, against the same sweep run on one machine.
/// </summary>
public class SlurmSweepTests(SlurmInstallation installation, ITestOutputHelper output) : IClassFixture<SlurmInstallation>
{
    private static readonly TimeSpan ClusterTimeout = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan JobsTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(30);

    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "backtester.dll");
    private static readonly string Strategies = Path.Combine(AppContext.BaseDirectory, "SmaCross.dll");
    private static readonly string DotnetHost = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private void Log(string line) => output.WriteLine(line);

    [Fact]
    public void Array_with_a_step_runs_every_shard_and_merges_into_the_single_machine_table()
    {
        var clock = Stopwatch.StartNew();
        using var dir = new TempDirectory();
        using SlurmCluster cluster = SlurmCluster.Start(installation.Programs, dir.File("cluster"), ClusterTimeout);
        Log($"Slurm cluster up after {clock.Elapsed.TotalSeconds:F0} s: {cluster.ConfigFile}");

        string work = Directory.CreateDirectory(dir.File("work")).FullName;
        Backtester(work, "data", "convert", "synthetic:events=20000,symbols=2,seed=3", "data.arrow", "--quiet");
        Backtester(work, "sweep", "--strategy", "SmaCross", "--assembly", Strategies, "--data", "data.arrow", "--out", "single", "--quiet");

        // The script's settings through its environment variables, and Slurm's through sbatch flags, which override its
        // #SBATCH lines: 8 tasks numbered 0, 2, ..., 14; one CPU each (the script asks for 4); memory any machine has.
        var settings = new Dictionary<string, string>
        {
            ["BACKTESTER"] = $"{DotnetHost} {Cli}",
            ["BACKTESTER_STRATEGY"] = "SmaCross",
            ["BACKTESTER_ASSEMBLY"] = Strategies,
            ["BACKTESTER_DATA"] = "data.arrow",
            ["BACKTESTER_RESULTS"] = "results",
            ["BACKTESTER_SHARDS"] = "8",
        };
        string array = Submit(cluster, work, settings, "--array=0-14:2", "--cpus-per-task=1", "--mem=256M",
            RepositoryPaths.File("deploy", "slurm", "sweep.sbatch"));
        string merge = Submit(cluster, work, settings, $"--dependency=afterok:{array}", "--kill-on-invalid-dep=yes", "--mem=256M",
            "--output=merge-%j.out", "--wrap", $"{settings["BACKTESTER"]} sweep merge --out results/sweep.arrow results/sweep-shard-*-of-8.arrow");
        IReadOnlyList<SlurmCluster.Job> jobs = cluster.WaitForJobs([array, merge], JobsTimeout);
        Log($"jobs ended after {clock.Elapsed.TotalSeconds:F0} s: {string.Join("; ", jobs)}");

        if (jobs.Any(j => j.State != "COMPLETED" || j.ExitCode != "0:0"))
            Assert.Fail($"Not every job succeeded: {string.Join("; ", jobs)}\n{JobLogs(work)}\n{cluster.Diagnostics()}");
        Assert.Equal(9, jobs.Count); // 8 array tasks and the merge

        // SmaCross's grid is Fast 50..250 by 50 (5) x Slow 500..2000 by 500 (4) x Size 0.5..2 by 0.5 (4) = 80
        // combinations, so shard k of 8 holds indices 10k..10k+9; array index 2k ran it, with the one CPU it was given.
        for (int k = 0; k < 8; k++)
        {
            var shard = ArrowTable.Read(Path.Combine(work, "results", $"sweep-shard-{k}-of-8.arrow"));
            Assert.Equal(Enumerable.Range(10 * k, 10).Select(i => (object?)(long)i), shard.Columns["index"]);
            string log = File.ReadAllText(Path.Combine(work, $"backtester-sweep-{array}_{2 * k}.out"));
            Assert.Contains($"array task {2 * k} of 8, --shard auto/8, --threads 1,", log);
        }

        var single = ArrowTable.Read(Path.Combine(work, "single", "sweep.arrow"));
        var merged = ArrowTable.Read(Path.Combine(work, "results", "sweep.arrow"));
        Assert.Equal(80, single.Rows);
        // The combinations differ in their results, so rows from the wrong shard or in the wrong order would show.
        Assert.True(single.Columns["net_pnl"].Distinct().Count() > 40, "fewer than 40 distinct net_pnl values in the sweep");
        AssertSameTable(single, merged);
        Log($"done after {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static void AssertSameTable(ArrowTable expected, ArrowTable actual)
    {
        Assert.Equal(expected.Fields.Select(f => $"{f.Name}: {f.DataType.Name}{(f.IsNullable ? "?" : "")}"),
            actual.Fields.Select(f => $"{f.Name}: {f.DataType.Name}{(f.IsNullable ? "?" : "")}"));
        Assert.Equal(expected.Rows, actual.Rows);
        foreach (var (name, values) in expected.Columns)
            for (int row = 0; row < values.Count; row++)
                if (!Same(values[row], actual.Columns[name][row]))
                    Assert.Fail($"column '{name}' differs at row {row}: single machine {values[row] ?? "null"}, merged {actual.Columns[name][row] ?? "null"}");
    }

    // Bit for bit: the merged rows are the same runs as the single-machine rows.
    private static bool Same(object? a, object? b) =>
        a is double x && b is double y ? BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) : Equals(a, b);

    private static string Submit(SlurmCluster cluster, string work, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var result = cluster.RunIn(work, settings, "sbatch", ["--parsable", .. arguments]);
        if (result.ExitCode != 0) Assert.Fail($"sbatch failed ({result.ExitCode}): {result.CommandLine}\n{result.Output}\n{cluster.Diagnostics()}");
        return result.Output.Trim().Split(';')[0]; // --parsable prints "jobid" or "jobid;cluster"
    }

    private static void Backtester(string work, params string[] arguments)
    {
        ChildProcess.Run(DotnetHost, [Cli, .. arguments], CliTimeout, work).ShouldSucceed();
    }

    private static string JobLogs(string work) =>
        string.Join('\n', Directory.GetFiles(work, "*.out").Order().Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"));
}
