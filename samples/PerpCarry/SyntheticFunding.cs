using System;
using Backtester;
using Backtester.Data;

namespace Backtester.Samples;

/// <summary>
/// Funding settlements for synthetic trades, every 8 hours on the hour (00:00, 08:00, 16:00 UTC, as Binance settles):
/// the rate follows the market, as real funding does, plus noise: rateₖ = 0.6 × rateₖ₋₁ + 0.4 × (1 bp + 0.05 × the
/// 8-hour return) + N(0, 0.5 bp). The mark price is the last trade at or before the settlement. Deterministic for a seed.
/// </summary>
public static class SyntheticFunding
{
    /// <summary>Eight hours in nanoseconds.</summary>
    public const long EightHoursNs = 8 * 3_600_000_000_000L;

    /// <summary>Settlements of every symbol of <paramref name="data"/> from its first to its last trade.</summary>
    public static FundingColumns For(MarketData data, int seed = 7)
    {
        TradeColumns t = data.Trades;
        ReadOnlySpan<long> times = t.Timestamps.Span;
        ReadOnlySpan<int> ids = t.SymbolIds.Span;
        ReadOnlySpan<double> prices = t.Prices.Span;
        int symbols = data.Symbols.Count;
        var random = new Random(seed);
        var last = new double[symbols];
        var previousMark = new double[symbols];
        var rate = new double[symbols];
        var outTimes = new System.Collections.Generic.List<long>();
        var outIds = new System.Collections.Generic.List<int>();
        var outRates = new System.Collections.Generic.List<double>();
        var outMarks = new System.Collections.Generic.List<double>();
        long next = (times[0] / EightHoursNs + 1) * EightHoursNs;
        for (int i = 0; i <= times.Length; i++)
        {
            // Settle every 8-hour boundary before this trade, with the marks as they were.
            while (i < times.Length ? times[i] > next : next <= times[^1])
            {
                for (int s = 0; s < symbols; s++)
                {
                    if (last[s] == 0) continue;
                    double move = previousMark[s] == 0 ? 0 : last[s] / previousMark[s] - 1;
                    double noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    rate[s] = 0.6 * rate[s] + 0.4 * (0.0001 + 0.05 * move) + 0.00005 * noise;
                    previousMark[s] = last[s];
                    outTimes.Add(next);
                    outIds.Add(s);
                    outRates.Add(rate[s]);
                    outMarks.Add(last[s]);
                }
                next += EightHoursNs;
            }
            if (i < times.Length) last[ids[i]] = prices[i];
        }
        return new FundingColumns("synthetic funding", symbols, outTimes.ToArray(), outIds.ToArray(), outRates.ToArray(), outMarks.ToArray());
    }
}
