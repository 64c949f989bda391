using System.IO;
using System.Linq;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// <c>overfitting --by</c> takes the statistics CSCV can compute from the per-period returns (sharpe, sortino, return),
/// named and validated as <c>sweep --by</c> names them, and chooses the best combination by the same statistic (decision 0110).
/// </summary>
public sealed class OverfittingCommandTests
{
    private const string Data = "synthetic:events=40000,symbols=2,seed=3,interval=1000000";
    private static readonly string[] Overfitting = ["overfitting", "-s", "SmaCross", "-d", Data, "--equity-interval", "200ms", "--blocks", "8", "--threads", "2"];

    [Theory]
    [InlineData("sortino")]
    [InlineData("return")]
    public void By_a_return_statistic_the_best_combination_is_the_one_a_sweep_ranks_first_by_it(string by)
    {
        using var dir = new TempDirectory();
        var overfitting = Cli.Run([.. Overfitting, "--by", by, "--json"]);
        var sweep = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "--equity-interval", "200ms", "--threads", "2", "-o", dir.Path, "--by", by, "--top", "1", "--json");
        Assert.Equal(0, overfitting.ExitCode);
        Assert.Equal(0, sweep.ExitCode);

        var json = overfitting.Json;
        Assert.Equal(by, json.GetProperty("by").GetString());
        var top = sweep.Json.GetProperty("top")[0];
        Assert.Equal(top.GetProperty("index").GetInt64(), json.GetProperty("best_index").GetInt64());
        Assert.Equal(top.GetProperty("summary").GetProperty(by).GetDouble(), json.GetProperty("best_summary").GetProperty(by).GetDouble());
        // Its Sharpe ratio is the one the PSR and DSR are of.
        Assert.Equal(top.GetProperty("summary").GetProperty("sharpe").GetDouble(), json.GetProperty("best_sharpe").GetDouble());
        Assert.Equal(70, json.GetProperty("splits").GetInt32()); // C(8, 4)
        Assert.InRange(json.GetProperty("probability_of_backtest_overfitting").GetDouble(), 0, 1);
    }

    [Fact]
    public void Without_by_it_ranks_by_the_sharpe_ratio()
    {
        var plain = Cli.Run([.. Overfitting, "--json"]);
        var sharpe = Cli.Run([.. Overfitting, "--by", "Sharpe", "--json"]);
        Assert.Equal("sharpe", plain.Json.GetProperty("by").GetString());
        Assert.Equal(plain.Out, sharpe.Out);
    }

    [Theory]
    [InlineData("max_drawdown")]
    [InlineData("net_pnl")]
    [InlineData("cagr")]
    [InlineData("win_rate")]
    public void A_statistic_that_the_returns_do_not_determine_is_refused_naming_those_that_can_rank(string by)
    {
        var refused = Cli.Run([.. Overfitting, "--by", by]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: --by {by}: the probability of backtest overfitting (CSCV) scores every combination on each half of the blocks by a statistic of its "
            + $"per-period returns there, and {by} is not one (it needs the run's fills or capital, or the order of its returns). Use one of: sharpe, sortino, return.",
            refused.Error.Trim());
        Assert.Equal("", refused.Out);
    }

    [Fact]
    public void An_unknown_statistic_is_refused_as_sweep_refuses_it()
    {
        using var dir = new TempDirectory();
        var refused = Cli.Run([.. Overfitting, "--by", "alpha"]);
        var sweep = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--by", "alpha");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("error: unknown statistic 'alpha'; use one of: events, fills,", refused.Error);
        Assert.Equal(sweep.Error, refused.Error);
        Assert.False(File.Exists(Path.Combine(dir.Path, "sweep.arrow")));
    }
}
