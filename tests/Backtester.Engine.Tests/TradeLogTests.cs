using System.Linq;
using Backtester.Logging;
using Xunit;

namespace Backtester.Engine.Tests;

public class TradeLogTests
{
    private static (BacktestResult Result, Script Script) RunAlternating(TradeLogMode mode)
    {
        var script = new Script();
        for (int i = 0; i < 9; i++) script.At(i, i % 2 == 0 ? Side.Buy : Side.Sell, 1);
        return Runs.Of(Data.OneSymbol(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), script, new BacktestOptions { TradeLog = mode });
    }

    [Fact]
    public void Summary_only_keeps_no_fill()
    {
        var (result, script) = RunAlternating(TradeLogMode.SummaryOnly);

        Assert.Equal(9, script.Fills.Count);
        Assert.True(result.Fills.IsEmpty);
    }

    [Fact]
    public void All_keeps_every_fill_in_order()
    {
        var (result, script) = RunAlternating(TradeLogMode.All);

        Assert.Equal(script.Fills, result.Fills.ToArray());
    }

    [Fact]
    public void Ring_buffer_keeps_the_last_n_fills_oldest_first()
    {
        var (result, script) = RunAlternating(TradeLogMode.RingBuffer(4));

        Assert.Equal(script.Fills.Skip(5), result.Fills.ToArray());
    }

    [Fact]
    public void A_reused_runner_keeps_each_runs_fills_apart()
    {
        var runner = new BacktestRunner();
        var options = new BacktestOptions { TradeLog = TradeLogMode.All };
        var first = new ScriptedDriver(new Script().At(0, Side.Buy, 1));
        var second = new ScriptedDriver(new Script().At(0, Side.Buy, 2).At(1, Side.Sell, 2));

        BacktestResult a = runner.Run(Data.OneSymbol(1, 2, 3), ref first, options);
        BacktestResult b = runner.Run(Data.OneSymbol(1, 2, 3), ref second, options);

        Assert.Equal(1, a.Fills.Span[0].Quantity);
        Assert.Equal(2, b.Fills.Length);
    }

    [Fact]
    public void Ring_buffer_of_zero_fills_is_an_error()
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => TradeLogMode.RingBuffer(0));
    }
}
