using System.Collections.Generic;
using Backtester.Cli.Sweeps;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>How <c>--shard</c> maps a scheduler's task index to a shard; the Slurm variables are those Slurm sets (checked on a real cluster by the Deploy tests).</summary>
public class ShardSpecTests
{
    private static ShardSpec Parse(string text, params (string Name, string Value)[] variables)
    {
        var env = new Dictionary<string, string>();
        foreach (var (name, value) in variables) env[name] = value;
        return ShardSpec.Parse(text, name => env.GetValueOrDefault(name));
    }

    private static string ErrorOf(string text, params (string Name, string Value)[] variables) =>
        Assert.Throws<UserErrorException>(() => Parse(text, variables)).Message;

    private static (string, string)[] Slurm(int id, int min, int step, int count) =>
        [("SLURM_ARRAY_TASK_ID", $"{id}"), ("SLURM_ARRAY_TASK_MIN", $"{min}"), ("SLURM_ARRAY_TASK_STEP", $"{step}"), ("SLURM_ARRAY_TASK_COUNT", $"{count}")];

    [Fact]
    public void An_explicit_index_is_taken_as_given() => Assert.Equal(new ShardSpec(3, 8), Parse("3/8"));

    [Theory]
    [InlineData(0, 0, 1, 8, 0)]   // --array=0-7: the first task
    [InlineData(7, 0, 1, 8, 7)]   // --array=0-7: the last task
    [InlineData(8, 1, 1, 8, 7)]   // --array=1-8: task 8 is the 8th
    [InlineData(6, 0, 2, 8, 3)]   // --array=0-14:2: 0, 2, 4, 6 -> the 4th
    [InlineData(14, 0, 2, 8, 7)]  // --array=0-14:2: the last task
    [InlineData(17, 5, 6, 3, 2)]  // --array=5-17:6: 5, 11, 17 -> the 3rd
    public void Slurm_task_is_its_position_in_the_array(int id, int min, int step, int count, int shard) =>
        Assert.Equal(new ShardSpec(shard, count), Parse($"auto/{count}", Slurm(id, min, step, count)));

    [Fact]
    public void Slurm_task_without_min_step_or_count_counts_from_zero() =>
        Assert.Equal(new ShardSpec(5, 8), Parse("auto/8", ("SLURM_ARRAY_TASK_ID", "5")));

    [Fact]
    public void Kubernetes_index_comes_first() =>
        Assert.Equal(new ShardSpec(2, 8), Parse("auto/8", [("JOB_COMPLETION_INDEX", "2"), .. Slurm(6, 0, 2, 8)]));

    [Fact]
    public void Array_with_another_task_count_is_a_user_error() =>
        Assert.Contains("the Slurm array has 4 tasks (SLURM_ARRAY_TASK_COUNT), not 8", ErrorOf("auto/8", Slurm(2, 0, 1, 4)));

    [Fact]
    public void Uneven_array_list_is_a_user_error()
    {
        // --array=3,5 with --shard auto/2: Slurm reports MIN=3, STEP=1, COUNT=2, so task 5 would be position 2 of 2.
        Assert.Equal(new ShardSpec(0, 2), Parse("auto/2", Slurm(3, 3, 1, 2)));
        Assert.Contains("SLURM_ARRAY_TASK_ID=5 is not one of the 2 evenly spaced indices 3, 4, ...", ErrorOf("auto/2", Slurm(5, 3, 1, 2)));
    }

    [Theory]
    [InlineData(3, 0, 2)]   // between 2 and 4 of --array=0-14:2
    [InlineData(16, 0, 2)]  // past the 8th index, 14
    [InlineData(2, 3, 1)]   // below the first index
    public void Task_outside_the_array_is_a_user_error(int id, int min, int step) =>
        Assert.Contains($"SLURM_ARRAY_TASK_ID={id} is not one of the 8 evenly spaced indices", ErrorOf("auto/8", Slurm(id, min, step, 8)));

    [Theory]
    [InlineData("SLURM_ARRAY_TASK_ID", "-1")]
    [InlineData("JOB_COMPLETION_INDEX", "-1")]
    [InlineData("SLURM_ARRAY_TASK_ID", "99999999999")]
    [InlineData("JOB_COMPLETION_INDEX", "two")]
    public void Negative_or_unreadable_index_is_a_user_error(string variable, string value) =>
        Assert.Equal($"{variable} must be a non-negative whole number, got '{value}'.", ErrorOf("auto/8", (variable, value)));

    [Fact]
    public void Zero_step_is_a_user_error() =>
        Assert.Contains("SLURM_ARRAY_TASK_STEP must be a positive whole number", ErrorOf("auto/8", Slurm(0, 0, 0, 8)));

    [Theory]
    [InlineData("8/8")]
    [InlineData("auto/8")]
    public void Index_at_the_shard_count_is_a_user_error(string text) =>
        Assert.Contains("the shard index 8 must be below the shard count 8", ErrorOf(text, ("JOB_COMPLETION_INDEX", "8")));

    [Theory]
    [InlineData("-1/8")]
    [InlineData("1/0")]
    [InlineData("1/-8")]
    [InlineData("8")]
    public void Malformed_shard_is_a_user_error(string text) => Assert.Contains("--shard expects k/N", ErrorOf(text));

    [Fact]
    public void Sweep_in_a_mismatched_array_stops_with_one_line_and_exit_code_1()
    {
        using var dir = new TempDirectory();
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "5", ["SLURM_ARRAY_TASK_MIN"] = "3", ["SLURM_ARRAY_TASK_STEP"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "2" };
        var result = Cli.RunWith(env, "sweep", "-s", "SmaCross", "-d", "synthetic:events=1000", "-o", dir.Path, "--shard", "auto/8");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: --shard auto/8: the Slurm array has 2 tasks", result.Error);
        Assert.Empty(dir.Files());
    }
}
