using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>Option errors are worded in the flags the user typed, not in the library's property names and nanoseconds.</summary>
public sealed class FlagWordingTests
{
    // 400,000 trades a second apart: 399,999 s, about 4.63 days
    private const string Data = "synthetic:events=400000,symbols=2,seed=42,interval=1000000000";

    [Fact]
    public void An_in_sample_window_longer_than_the_data_is_named_by_its_flag_and_the_datas_span()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("walkforward", "-s", "SmaCross", "-d", Data, "--in-sample", "10d", "--out-of-sample", "12h", "-o", dir.Path);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal("error: --in-sample 10d is not shorter than the data, which spans 4.63d: there is no out-of-sample window. Give a shorter --in-sample, or more data.", result.Error.Trim());
    }

    [Fact]
    public void A_step_shorter_than_the_out_of_sample_window_is_named_by_both_flags()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("walkforward", "-s", "SmaCross", "-d", Data, "--in-sample", "2d", "--out-of-sample", "12h", "--step", "1h", "-o", dir.Path);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal("error: --step 1h is shorter than --out-of-sample 12h: overlapping out-of-sample windows cannot be stitched into one equity curve. Give a step of at least 12h.", result.Error.Trim());
    }

    [Fact]
    public void A_report_folder_that_cannot_be_created_is_named_as_a_folder()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=5000,symbols=1", "-o", dir.Path, "-q").ExitCode);
        // A file where the folder's parent should be: the folder cannot be created
        System.IO.File.WriteAllText(dir.File("taken"), "");
        string output = System.IO.Path.Combine(dir.File("taken"), "report");

        var result = Cli.Run("report", "--in", dir.Path, "--out", output);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.StartsWith($"error: --out: cannot create the report folder '{output}': ", result.Error.Trim());
    }

    [Fact]
    public void Resume_without_a_journal_says_the_sweep_starts_from_its_first_combination()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("sweep", "-s", "SmaCross", "-d", "synthetic:events=2000,symbols=1", "-o", dir.Path, "--resume", "--threads", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"note: --resume found no journal in {System.IO.Path.Combine(dir.Path, ".sweep.arrow.parts")}; the sweep starts from its first combination.", result.Error);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-252")]
    public void Periods_per_year_that_are_not_positive_are_named_by_the_flag(string periods)
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=1000,symbols=1", "--periods-per-year", periods, "-o", dir.Path);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal($"error: --periods-per-year must be a positive number (252, 365, 52, 12, ...), got {periods}.", result.Error.Trim());
    }
    // Before, the library's message, naming its property: "invalid backtest option: PeriodsPerYear must be positive and at most 3.1536E16 …".
    [Fact]
    public void Periods_per_year_beyond_one_a_nanosecond_are_named_by_the_flag()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=1000,symbols=1", "--periods-per-year", "1e308", "-o", dir.Path);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal("error: --periods-per-year must be at most 31,536,000,000,000,000 (a period a nanosecond), got 1E+308.", result.Error.Trim());
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=1000,symbols=1", "--periods-per-year", "31536000000000000", "-o", dir.Path, "-q").ExitCode);
    }

    // Before: "invalid halving option: Eta must be at least 2. Actual value was 1.", "The number of blocks must be even…".
    [Theory]
    [InlineData("search halving --eta 1", "--eta must be at least 2 (keep the best 1/eta of each rung), got 1.")]
    [InlineData("search halving --rungs 0", "--rungs must be between 1 and 20, got 0.")]
    [InlineData("search halving --rungs 21", "--rungs must be between 1 and 20, got 21.")]
    [InlineData("search halving --candidates 0", "--candidates must be positive (leave it out for the whole grid), got 0.")]
    [InlineData("overfitting --blocks 3", "--blocks must be even, from 2 to 30 (C(30, 15) ≈ 1.55e8 train/test splits), got 3.")]
    [InlineData("overfitting --blocks 32", "--blocks must be even, from 2 to 30 (C(30, 15) ≈ 1.55e8 train/test splits), got 32.")]
    public void Search_and_overfitting_limits_are_named_by_their_flags(string command, string message)
    {
        using var dir = new TempDirectory();
        string[] args = [.. command.Split(' '), "-s", "SmaCross", "-d", "synthetic:events=2000,symbols=1"];
        if (command.StartsWith("search", System.StringComparison.Ordinal)) args = [.. args, "-o", dir.File("out")];
        var result = Cli.Run(args);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal("error: " + message, result.Error.Trim());
    }
}
