using System;
using System.Collections.Generic;

namespace Backtester.Cli.Reports;

/// <summary>
/// Round-trip PnL from a fill log, with the engine's average-cost rules: per symbol, a trip runs from flat to flat (or
/// through zero); its PnL is what its reductions realized, net of the fees of all its fills.
/// </summary>
internal static class RoundTrips
{
    public static double[] Pnl(double[] symbolIds, double[] sides, double[] prices, double[] quantities, double[] fees)
    {
        var state = new Dictionary<int, (double Position, double Average, double Pnl)>();
        var trips = new List<double>();
        for (int i = 0; i < prices.Length; i++)
        {
            int symbol = (int)symbolIds[i];
            double signed = sides[i] > 0 ? quantities[i] : -quantities[i];
            var (position, average, pnl) = state.GetValueOrDefault(symbol);
            pnl -= fees[i];
            double next = position + signed;
            if (position == 0 || Math.Sign(signed) == Math.Sign(position))
            {
                average = (average * Math.Abs(position) + prices[i] * Math.Abs(signed)) / Math.Abs(next);
            }
            else
            {
                double closed = Math.Min(Math.Abs(signed), Math.Abs(position));
                pnl += closed * (prices[i] - average) * Math.Sign(position);
                if (Math.Abs(next) < 1e-12 || Math.Sign(next) != Math.Sign(position))
                {
                    trips.Add(pnl);
                    pnl = 0;
                    average = prices[i]; // a flip opens the rest at the fill price
                    if (Math.Abs(next) < 1e-12) next = 0;
                }
            }
            state[symbol] = (next, average, pnl);
        }
        return trips.ToArray();
    }
}
