using System.Linq;
using Backtester.Data;

namespace Backtester.Engine.Tests;

/// <summary>Small hand-made data sets.</summary>
internal static class Data
{
    /// <summary>One symbol "X", trades 1 µs apart starting at t = 1000 ns, at the given prices.</summary>
    public static MarketData OneSymbol(params double[] prices)
    {
        int n = prices.Length;
        return MarketData.FromTrades("test", new[] { "X" },
            Enumerable.Range(0, n).Select(i => 1_000L + i * 1_000L).ToArray(),
            new int[n], prices, Enumerable.Repeat(1.0, n).ToArray(), Enumerable.Repeat(Side.Buy, n).ToArray());
    }
}
