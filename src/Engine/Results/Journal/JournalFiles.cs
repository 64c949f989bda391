using System;
using System.Collections.Generic;
using System.IO;
using Backtester.Arrow;

namespace Backtester.Results;

/// <summary>
/// Writes the files a run's journal and result give besides those the runner streams: <c>orders.arrow</c>,
/// <c>round_trips.arrow</c> and <c>symbols.arrow</c>, each all or nothing, with the run's metadata.
/// </summary>
internal static class JournalFiles
{
    public static void Write(RunOutput output, ResultMetadata provenance, RunJournal journal, BacktestResult result, MarketData data, IReadOnlyList<ContractTerms> contracts)
    {
        List<RoundTripRecord> trips = RoundTripBuilder.Build(journal.Fills, data.Symbols, contracts);
        if (output.Orders) Write(output, "orders.arrow", provenance, journal.Orders(data.Symbols));
        if (output.RoundTrips) Write(output, "round_trips.arrow", provenance, trips);
        if (output.Symbols) Write(output, "symbols.arrow", provenance, Symbols(journal, trips, result, data));
    }

    private static void Write<TRecord>(RunOutput output, string name, ResultMetadata provenance, IEnumerable<TRecord> rows)
        where TRecord : struct, IArrowRecord<TRecord>
    {
        using var writer = new ArrowRecordFileWriter<TRecord>(Path.Combine(output.Directory, name),
            provenance.With(ResultMetadata.Keys.Table, Path.GetFileNameWithoutExtension(name)).Entries, output.Arrow);
        foreach (TRecord row in rows) writer.Append(in row);
        writer.Complete();
    }

    private static IEnumerable<SymbolStatistics> Symbols(RunJournal journal, List<RoundTripRecord> trips, BacktestResult result, MarketData data)
    {
        int n = data.Symbols.Count;
        var fills = new long[n];
        foreach (Fill fill in journal.Fills) fills[fill.SymbolId]++;
        var (count, wins, losses, won, lost) = (new long[n], new long[n], new long[n], new double[n], new double[n]);
        foreach (RoundTripRecord trip in trips)
        {
            int s = trip.SymbolId;
            count[s]++;
            if (trip.Pnl > 0) { wins[s]++; won[s] += trip.Pnl; }
            else if (trip.Pnl < 0) { losses[s]++; lost[s] += trip.Pnl; }
        }
        (double[] first, double[] last) = Prices(data);
        for (int s = 0; s < n; s++)
        {
            PositionSnapshot p = result.Positions[s];
            double profitFactor = lost[s] == 0 ? (won[s] > 0 ? double.PositiveInfinity : double.NaN) : won[s] / Math.Abs(lost[s]);
            yield return new SymbolStatistics(data.Symbols[s], s, p.RealizedPnl + p.UnrealizedPnl - p.Fees, p.RealizedPnl, p.UnrealizedPnl, p.Fees,
                p.Turnover, fills[s], count[s], wins[s], losses[s], count[s] == 0 ? double.NaN : (double)wins[s] / count[s], profitFactor,
                count[s] == 0 ? double.NaN : (won[s] + lost[s]) / count[s], p.Position, p.AveragePrice, first[s], last[s], last[s] / first[s] - 1);
        }
    }

    /// <summary>Each symbol's first and last price in the data: of whichever of trade, quote mid and bar close comes first (last).</summary>
    private static (double[] First, double[] Last) Prices(MarketData data)
    {
        int n = data.Symbols.Count;
        var first = new double[n];
        var last = new double[n];
        var firstTime = new long[n];
        var lastTime = new long[n];
        Array.Fill(first, double.NaN);
        Array.Fill(last, double.NaN);
        Array.Fill(firstTime, long.MaxValue);
        Array.Fill(lastTime, long.MinValue);
        void See(int s, long t, double price)
        {
            if (t < firstTime[s]) { firstTime[s] = t; first[s] = price; }
            if (t >= lastTime[s]) { lastTime[s] = t; last[s] = price; }
        }
        ReadOnlySpan<long> tt = data.Trades.Timestamps.Span;
        ReadOnlySpan<int> ts = data.Trades.SymbolIds.Span;
        ReadOnlySpan<double> tp = data.Trades.Prices.Span;
        for (int i = 0; i < tt.Length; i++) See(ts[i], tt[i], tp[i]);
        ReadOnlySpan<long> qt = data.Quotes.Timestamps.Span;
        ReadOnlySpan<int> qs = data.Quotes.SymbolIds.Span;
        ReadOnlySpan<double> bid = data.Quotes.BidPrices.Span, ask = data.Quotes.AskPrices.Span;
        for (int i = 0; i < qt.Length; i++) See(qs[i], qt[i], (bid[i] + ask[i]) / 2);
        ReadOnlySpan<long> bt = data.Bars.Timestamps.Span;
        ReadOnlySpan<int> bs = data.Bars.SymbolIds.Span;
        ReadOnlySpan<double> bc = data.Bars.Close.Span;
        for (int i = 0; i < bt.Length; i++) See(bs[i], bt[i], bc[i]);
        return (first, last);
    }
}
