using Xunit;

namespace Backtester.Cli.Tests;

/// <summary><c>--equity-interval</c> too small for the data is refused naming the flag and the smallest interval that would do.</summary>
public sealed class EquityIntervalOptionTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("sweep")]
    public void A_nanosecond_interval_over_a_day_is_refused_before_anything_runs(string command)
    {
        using var dir = new TempDirectory();
        // 86,400 trades a second apart: 86,399 s of data (23.9997 h, shown as 24h). 1 ns takes 86,399,000,000,001 samples; at most 10 million:
        // 86,399e9 / 9,999,999 + 1 = 8,639,901 ns, whole milliseconds up: 9ms
        var result = Cli.Run(command, "-s", "SmaCross", "-d", "synthetic:events=86400,symbols=1,interval=1000000000", "--equity-interval", "1ns", "-o", dir.Path);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal("error: --equity-interval 1ns takes 86,399,000,000,001 equity samples over the data's 24h; at most 10,000,000 are taken: give 9ms or more.", result.Error.Trim());
        Assert.Empty(System.IO.Directory.GetFiles(dir.Path));
    }
}
