using System;
using System.Collections.Generic;
using Backtester.Data;

namespace Backtester.Engine.Tests;

/// <summary>A mark-price series for test data: every symbol marked every <c>everyNs</c> from its first trade, off its last trade price.</summary>
internal static class MarkPriceSeries
{
    /// <summary>
    /// <paramref name="market"/> with a mark for each symbol at every multiple of <paramref name="everyNs"/> from the
    /// data's first trade to its last, at the symbol's last trade price at or before it times 1 + 0.003 sin(k) (k the
    /// mark's index): close to the market, never equal to it for long, and below it about half the time.
    /// </summary>
    public static MarketData With(MarketData market, long everyNs)
    {
        TradeColumns t = market.Trades;
        ReadOnlySpan<long> times = t.Timestamps.Span;
        ReadOnlySpan<int> symbols = t.SymbolIds.Span;
        ReadOnlySpan<double> prices = t.Prices.Span;
        int n = market.Symbols.Count;
        var last = new double[n];
        Array.Fill(last, double.NaN);
        var ts = new List<long>();
        var ids = new List<int>();
        var px = new List<double>();
        int row = 0, k = 0;
        long first = (times[0] / everyNs + 1) * everyNs;
        for (long at = first; at <= times[^1]; at += everyNs)
        {
            while (row < times.Length && times[row] <= at)
            {
                last[symbols[row]] = prices[row];
                row++;
            }
            for (int s = 0; s < n; s++, k++)
            {
                if (double.IsNaN(last[s])) continue;
                ts.Add(at);
                ids.Add(s);
                px.Add(last[s] * (1 + 0.003 * Math.Sin(k)));
            }
        }
        return market.WithMarkPrices(new MarkPriceColumns("marks", n, ts.ToArray(), ids.ToArray(), px.ToArray()));
    }
}
