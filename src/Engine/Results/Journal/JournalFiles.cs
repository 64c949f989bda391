using System;
using System.Collections.Generic;
using System.IO;
using Backtester.Arrow;
using Backtester.Accounting;
using Backtester.Data;

namespace Backtester.Results;

/// <summary>
/// Adds the files a run's journal gives to the run's set (<see cref="RunFiles.Completing"/>), so they are committed
/// with the runner's files: <c>orders.arrow</c>, <c>round_trips.arrow</c> and <c>symbols.arrow</c>.
/// </summary>
internal static class JournalFiles
{
    public static void Add(RunFiles files, RunJournal journal, PositionSnapshot[] positions, SymbolTable symbols, IReadOnlyList<ContractTerms> contracts)
    {
        RunOutput output = files.Output;
        List<RoundTripRecord> trips = RoundTripBuilder.Build(journal.Fills, symbols, contracts);
        if (output.Orders) files.Add("orders.arrow", journal.Orders(symbols));
        if (output.RoundTrips) files.Add("round_trips.arrow", trips);
        if (output.Symbols) files.Add("symbols.arrow", Symbols(journal, trips, positions, symbols));
    }

    private static IEnumerable<SymbolStatistics> Symbols(RunJournal journal, List<RoundTripRecord> trips, PositionSnapshot[] positions, SymbolTable symbols)
    {
        int n = symbols.Count;
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
        for (int s = 0; s < n; s++)
        {
            PositionSnapshot p = positions[s];
            double first = journal.FirstPrice(s), last = journal.LastPrice(s);
            double profitFactor = lost[s] == 0 ? (won[s] > 0 ? double.PositiveInfinity : double.NaN) : won[s] / Math.Abs(lost[s]);
            yield return new SymbolStatistics(symbols[s], s, p.RealizedPnl + p.UnrealizedPnl - p.Fees + p.Funding, p.RealizedPnl, p.UnrealizedPnl, p.Fees,
                p.Turnover, fills[s], count[s], wins[s], losses[s], count[s] == 0 ? double.NaN : (double)wins[s] / count[s], profitFactor,
                count[s] == 0 ? double.NaN : (won[s] + lost[s]) / count[s], p.Position, p.AveragePrice, first, last, last / first - 1);
        }
    }
}
