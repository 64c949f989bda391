using System.IO;
using System.Linq;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// Output-side failures and bad data are user errors: one line on stderr starting "error: ", exit code 1, no stack trace,
/// and no half-written result set.
/// </summary>
public class OutputFailureTests
{
    private const string Data = "synthetic:events=2000,symbols=1";

    private static void AssertUserError(Cli.Result result, string expected)
    {
        Assert.Equal(1, result.ExitCode);
        string error = result.Error.TrimEnd();
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("internal error", error);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Out_naming_a_file_is_a_user_error()
    {
        using var dir = new TempDirectory();
        string file = dir.File("results.txt");
        File.WriteAllText(file, "not a folder");

        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-o", file);

        AssertUserError(result, $"error: cannot write results to '{Path.Combine(file, "fills.arrow")}': '{file}' is a file, not a folder");
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    // Before, sweep and search said "Could not find a part of the path '…/results.txt/.sweep.arrow.parts'", walkforward
    // "The file '…' already exists" (after running every window), and run the same as sweep for a folder under a file.
    [Fact]
    public void Out_naming_a_file_or_a_folder_under_one_names_the_file_for_every_command()
    {
        using var dir = new TempDirectory();
        string file = dir.File("results.txt");
        File.WriteAllText(file, "not a folder");
        string reason = $"'{file}' is a file, not a folder";

        AssertUserError(Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", file),
            $"error: cannot write results to '{Path.Combine(file, ".sweep.arrow.parts")}': {reason}");
        AssertUserError(Cli.Run("search", "random", "--samples", "3", "-s", "SmaCross", "-d", Data, "-o", file),
            $"error: cannot write results to '{Path.Combine(file, ".search.arrow.parts")}': {reason}");
        AssertUserError(Cli.Run("walkforward", "-s", "SmaCross", "-d", Data + ",interval=1000000000", "-o", file, "--in-sample", "1000s", "--out-of-sample", "500s"),
            $"error: cannot write results to '{file}': {reason}");
        AssertUserError(Cli.Run("run", "-s", "SmaCross", "-d", Data, "-o", Path.Combine(file, "sub")),
            $"error: cannot write results to '{Path.Combine(file, "sub", "fills.arrow")}': {reason}");
        AssertUserError(Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", Path.Combine(file, "sub")),
            $"error: cannot write results to '{Path.Combine(file, "sub", ".sweep.arrow.parts")}': {reason}");
        Assert.Equal("not a folder", File.ReadAllText(file));
        Assert.Equal(new[] { file }, Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void An_empty_out_is_a_user_error()
    {
        AssertUserError(Cli.Run("run", "-s", "SmaCross", "-d", Data, "-o", ""), "error: --out must name a folder, got ''.");
        AssertUserError(Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", " "), "error: --out must name a folder, got ' '.");
    }

    [Fact]
    public void A_read_only_file_system_is_a_user_error_for_run_and_sweep()
    {
        var run = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-o", "/sys/backtester-out");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: cannot write results to '/sys/backtester-out/fills.arrow': ", run.Error);
        Assert.DoesNotContain("   at ", run.Error);

        var sweep = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", "/sys/backtester-out");
        Assert.Equal(1, sweep.ExitCode);
        Assert.StartsWith("error: ", sweep.Error);
        Assert.Contains("/sys/backtester-out", sweep.Error);
        Assert.DoesNotContain("   at ", sweep.Error);
    }

    [Fact]
    public void A_summary_that_cannot_be_written_leaves_no_result_file_and_exits_1()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("summary.arrow"));

        var result = Cli.Run("run", "-s", "SmaCross", "-d", Data, "-o", dir.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: cannot write results to '{dir.File("summary.arrow")}': ", result.Error);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_latency_that_would_overflow_is_a_user_error()
    {
        AssertUserError(Cli.Run("run", "-s", "SmaCross", "-d", Data, "-o", "x", "--latency-ms", "9200000000000"),
            "error: --latency-ms must be at most 31536000000 (365 days), got 9200000000000.");
    }

    [Fact]
    public void A_truncated_gzip_data_file_is_a_user_error_naming_the_truncation()
    {
        using var dir = new TempDirectory();
        string path = dir.File("BTCUSDT-trades-2024-01-01.csv.gz");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            gz.Write(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},100.{i % 10},1,100,{1704067200000 + i},true\n"))));
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var result = Cli.Run("run", "-s", "SmaCross", "-d", path, "-o", dir.File("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: cannot read market data '{path}': truncated or corrupt gzip file: ", result.Error);
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
