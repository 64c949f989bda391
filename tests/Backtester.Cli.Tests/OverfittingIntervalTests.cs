using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// <c>overfitting</c> without <c>--equity-interval</c> samples by the rule for one CSCV block, not for the whole data
/// (decision 0122): sampled daily, a month of data cut into 16 blocks left one return in each.
/// </summary>
public sealed class OverfittingIntervalTests
{
    [Fact]
    public void Each_block_is_sampled_by_the_rule_for_its_length()
    {
        // 30,000 trades a minute apart: 29,999 min, 16 blocks of 1,874.9 min, 112.5 s per 1/1000 of one: 10 min.
        // 2,999 boundaries and the final equity: 3,000 returns, of which CSCV drops the first 3,000 mod 16 = 8.
        // From the whole span (20.8 days) the rule samples daily: 21 returns, 16 of them in blocks of one.
        var result = Cli.Run("overfitting", "-s", "SmaCross", "-d", "synthetic:events=30000,symbols=2,seed=5,interval=60000000000", "--threads", "2", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3_000, result.Json.GetProperty("observations").GetInt64());
        Assert.Equal(2_992, result.Json.GetProperty("periods").GetInt64());
        Assert.Equal(16, result.Json.GetProperty("blocks").GetInt32());
    }
}
