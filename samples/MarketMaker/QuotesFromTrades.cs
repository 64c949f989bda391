using System;
using Backtester.Data;

namespace Backtester.Samples;

/// <summary>
/// The synthetic data has trades only; a market maker needs a book. This builds a top-of-book quote half a trade
/// interval after every trade: bid and ask <c>spreadBps / 2</c> around the trade price, rounded to the tick.
/// </summary>
internal static class QuotesFromTrades
{
    public static QuoteColumns Build(TradeColumns trades, double spreadBps, double tick, long delayNs)
    {
        int n = trades.Count;
        var (timestamps, symbols) = (new long[n], new int[n]);
        var (bids, bidSizes, asks, askSizes) = (new double[n], new double[n], new double[n], new double[n]);
        ReadOnlySpan<long> time = trades.Timestamps.Span;
        ReadOnlySpan<double> price = trades.Prices.Span, size = trades.Sizes.Span;
        ReadOnlySpan<int> symbol = trades.SymbolIds.Span;
        for (int i = 0; i < n; i++)
        {
            double half = Math.Max(tick, price[i] * spreadBps * 0.5e-4);
            timestamps[i] = time[i] + delayNs;
            symbols[i] = symbol[i];
            bids[i] = Math.Floor((price[i] - half) / tick) * tick;
            asks[i] = Math.Ceiling((price[i] + half) / tick) * tick;
            bidSizes[i] = askSizes[i] = size[i] * 5;
        }
        return new QuoteColumns("quotes around " + trades.Source, trades.SymbolCount(), timestamps, symbols, bids, bidSizes, asks, askSizes);
    }

    private static int SymbolCount(this TradeColumns trades)
    {
        int max = -1;
        foreach (int id in trades.SymbolIds.Span) max = Math.Max(max, id);
        return max + 1;
    }
}
