using System;
using System.Globalization;

namespace Backtester.Cli.Sweeps;

/// <summary>
/// <c>--shard k/N</c>: the k-th (0-based) of N contiguous slices of the grid. <c>auto/N</c> takes k from the scheduler:
/// <c>JOB_COMPLETION_INDEX</c> (Kubernetes Indexed Jobs), or the position of <c>SLURM_ARRAY_TASK_ID</c> in its Slurm
/// job array, <c>(ID - SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP</c>, so <c>--array=0-7</c>, <c>1-8</c> and
/// <c>0-14:2</c> all run shards 0..7 of 8.
/// </summary>
internal readonly record struct ShardSpec(int Index, int Count)
{
    public string FileName => $"sweep-shard-{Index}-of-{Count}.arrow";

    public static ShardSpec Parse(string text, Func<string, string?> environment)
    {
        int slash = text.IndexOf('/');
        if (slash <= 0 || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count <= 0)
            throw new UserErrorException($"--shard expects k/N or auto/N with N a positive whole number, got '{text}'.");
        string index = text[..slash];
        int k = string.Equals(index, "auto", StringComparison.OrdinalIgnoreCase)
            ? FromScheduler(count, environment)
            : int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int given) ? given
            : throw new UserErrorException($"--shard expects k/N or auto/N, got '{text}'.");
        if (k >= count)
            throw new UserErrorException($"--shard {text}: the shard index {k} must be below the shard count {count} (indices are 0-based).");
        return new ShardSpec(k, count);
    }

    private static int FromScheduler(int count, Func<string, string?> environment)
    {
        if (environment("JOB_COMPLETION_INDEX") is { Length: > 0 } job) return Number("JOB_COMPLETION_INDEX", job);
        if (environment("SLURM_ARRAY_TASK_ID") is { Length: > 0 } task) return FromSlurmArray(Number("SLURM_ARRAY_TASK_ID", task), count, environment);
        throw new UserErrorException("--shard auto/N needs JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array) to be set.");
    }

    /// <summary>
    /// The task's position in an evenly spaced array. The array must have exactly N tasks: with fewer some shards would
    /// never run, and an uneven list such as <c>--array=3,5</c> (which Slurm reports as MIN=3, STEP=1, COUNT=2) would
    /// silently run the wrong shards.
    /// </summary>
    private static int FromSlurmArray(int id, int count, Func<string, string?> environment)
    {
        int min = Optional("SLURM_ARRAY_TASK_MIN", 0, environment);
        int step = Optional("SLURM_ARRAY_TASK_STEP", 1, environment);
        if (step == 0) throw new UserErrorException("SLURM_ARRAY_TASK_STEP must be a positive whole number, got '0'.");
        int tasks = Optional("SLURM_ARRAY_TASK_COUNT", count, environment);
        if (tasks != count)
            throw new UserErrorException(
                $"--shard auto/{count}: the Slurm array has {tasks} tasks (SLURM_ARRAY_TASK_COUNT), not {count}; submit it with {count} tasks " +
                $"(e.g. --array=0-{count - 1}) or use --shard auto/{tasks}. To rerun single shards, requeue their tasks or run --shard k/{count}.");
        long offset = (long)id - min;
        if (offset < 0 || offset % step != 0 || offset / step >= count)
            throw new UserErrorException(
                $"--shard auto/{count}: SLURM_ARRAY_TASK_ID={id} is not one of the {count} evenly spaced indices {min}, {(long)min + step}, ... " +
                $"(SLURM_ARRAY_TASK_MIN={min}, SLURM_ARRAY_TASK_STEP={step}); submit the array as a range such as --array=0-{count - 1} or --array={min}-{(long)min + (long)step * (count - 1)}:{step}.");
        return (int)(offset / step);
    }

    private static int Optional(string variable, int absent, Func<string, string?> environment) =>
        environment(variable) is { Length: > 0 } text ? Number(variable, text) : absent;

    private static int Number(string variable, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new UserErrorException($"{variable} must be a non-negative whole number, got '{text}'.");
}
