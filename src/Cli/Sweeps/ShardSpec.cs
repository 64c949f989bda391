using System;
using System.Globalization;

namespace Backtester.Cli.Sweeps;

/// <summary>
/// <c>--shard k/N</c>: the k-th (0-based) of N contiguous slices of the grid. <c>auto/N</c> takes k from the scheduler:
/// <c>JOB_COMPLETION_INDEX</c> (Kubernetes Indexed Jobs) or <c>SLURM_ARRAY_TASK_ID</c> (Slurm job arrays, made 0-based
/// by subtracting <c>SLURM_ARRAY_TASK_MIN</c> when set).
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
            ? FromScheduler(environment)
            : int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int given) ? given
            : throw new UserErrorException($"--shard expects k/N or auto/N, got '{text}'.");
        if (k >= count)
            throw new UserErrorException($"--shard {text}: the shard index {k} must be below the shard count {count} (indices are 0-based).");
        return new ShardSpec(k, count);
    }

    private static int FromScheduler(Func<string, string?> environment)
    {
        if (environment("JOB_COMPLETION_INDEX") is { Length: > 0 } job) return Number("JOB_COMPLETION_INDEX", job);
        if (environment("SLURM_ARRAY_TASK_ID") is { Length: > 0 } task)
        {
            int id = Number("SLURM_ARRAY_TASK_ID", task);
            int min = environment("SLURM_ARRAY_TASK_MIN") is { Length: > 0 } first ? Number("SLURM_ARRAY_TASK_MIN", first) : 0;
            return id - min;
        }
        throw new UserErrorException("--shard auto/N needs JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array) to be set.");
    }

    private static int Number(string variable, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new UserErrorException($"{variable} must be a non-negative whole number, got '{text}'.");
}
