using System;
using Backtester.Data;

namespace Backtester;

/// <summary>
/// Deterministic synthetic trades: per symbol, a random walk in whole ticks (each trade moves the price
/// up one tick, down one tick or not at all, with probabilities 3/8, 3/8, 1/4), random sizes and aggressor
/// sides. Trades cycle through the symbols in turn, <see cref="SyntheticDataOptions.IntervalNs"/> apart.
/// The same options give bit-identical data on every machine.
/// </summary>
public static class SyntheticData
{
    /// <summary>
    /// A realistic built-in market (defaults: BTCUSDT, ETHUSDT, SOLUSDT and BNBUSDT over 28 days from 2024-01-01, seed
    /// 42): trades, top-of-book quotes and one-minute bars from a seeded model with volatility clustering, fat tails,
    /// intraday and weekend seasonality, a bid-ask spread and clustered trade arrivals (see
    /// <see cref="SyntheticMarketOptions"/> and docs/data.md). About 2.2M events, generated in about a second.
    /// </summary>
    public static MarketData Market(SyntheticMarketOptions? options = null) =>
        SyntheticMarketGenerator.Generate(options ?? new SyntheticMarketOptions());

    /// <summary>Generates trades with the given options (defaults: 1M trades, 4 symbols, seed 42).</summary>
    public static MarketData Trades(SyntheticDataOptions? options = null)
    {
        options ??= new SyntheticDataOptions();
        options.Validate();
        int n = options.Events, symbols = options.Symbols;
        var timestamps = new long[n];
        var symbolIds = new int[n];
        var prices = new double[n];
        var sizes = new double[n];
        var sides = new Side[n];
        var ticks = new long[symbols];
        for (int s = 0; s < symbols; s++)
            ticks[s] = (long)Math.Round(100.0 * (s + 1) / options.TickSize);

        // Dividing by a whole number of ticks per unit keeps prices correctly rounded (100.01, not 100.01000000000001).
        double ticksPerUnit = Math.Round(1.0 / options.TickSize);
        bool wholeTicksPerUnit = Math.Abs(ticksPerUnit * options.TickSize - 1.0) < 1e-12;
        var random = new SplitMix64(options.Seed);
        for (int i = 0; i < n; i++)
        {
            int s = i % symbols;
            ulong r = random.Next();
            int move = (int)(r & 7); // 0-2 up, 3-5 down, 6-7 unchanged
            if (move < 3) ticks[s]++;
            else if (move < 6 && ticks[s] > 1) ticks[s]--;
            timestamps[i] = options.StartTime + i * options.IntervalNs;
            symbolIds[i] = s;
            prices[i] = wholeTicksPerUnit ? ticks[s] / ticksPerUnit : ticks[s] * options.TickSize;
            sizes[i] = (1 + (int)((r >> 8) % 1000)) / 1000.0;
            sides[i] = ((r >> 20) & 1) == 0 ? Side.Buy : Side.Sell;
        }

        var names = new string[symbols];
        for (int s = 0; s < symbols; s++) names[s] = $"SYN{s}";
        string source = $"synthetic(events={n}, symbols={symbols}, seed={options.Seed})";
        return MarketData.FromTrades(source, names, timestamps, symbolIds, prices, sizes, sides);
    }
}
