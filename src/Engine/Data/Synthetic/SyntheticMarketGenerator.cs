using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Backtester.Data;

/// <summary>
/// Builds the market of <see cref="SyntheticData.Market"/> one minute at a time. Per symbol and minute: the GARCH(1,1)
/// variance is updated from the last minute's return, the minute's log return is drawn from a unit-variance Student-t
/// mixed with a market factor shared by all symbols, and the number of trades from a Poisson law whose mean follows the
/// intraday cycle, the volatility and the recent activity (self-excitation). A slow AR(1) drift adds trends. The trades fall at sorted uniform times in
/// the minute, on a Brownian bridge that ends at the minute's return; each trade takes the bid or the ask of a spread
/// that widens with volatility, and is preceded by the quote it trades against. The bar of the minute is the trades'
/// open, high, low, close and volume (an empty minute repeats the last price with zero volume), stamped with its close.
/// </summary>
internal static class SyntheticMarketGenerator
{
    private const long MinuteNs = 60_000_000_000L;
    private const int MinutesPerDay = 1440;
    private const double ExcitationMemory = 0.9; // weight of the past in the activity average (about 10 minutes)
    // Up to this many symbols a minute's events are merged rather than sorted. Generating 14 days, merged against sorted
    // (fastest of 4 per process, 3 processes each): 4 symbols 0.91x, 8 about level, 16 1.10x, 32 1.14x.
    private const int MergedSymbols = 8;

    public static MarketData Generate(SyntheticMarketOptions options)
    {
        options.Validate();
        int symbolCount = options.Symbols.Count;
        var states = new SymbolState[symbolCount];
        for (int s = 0; s < symbolCount; s++) states[s] = new SymbolState(options.Symbols[s], options);

        long minutes = (long)options.Days * MinutesPerDay;
        double tradesEstimate = 0;
        foreach (SyntheticSymbol symbol in options.Symbols) tradesEstimate += symbol.TradesPerDay * options.Activity * options.Days;
        int capacity = (int)Math.Min(tradesEstimate * 1.2 + 1024, int.MaxValue / 2);
        var trades = new TradeRows(options.Trades ? capacity : 16);
        var quotes = new QuoteRows(options.Quotes ? capacity : 16);
        var bars = new BarRows(options.Bars ? (int)(minutes * symbolCount) : 16);
        int markCount = options.MarkPrices ? (int)(minutes * symbolCount) : 0;
        var markTimes = new long[markCount];
        var markSymbols = new int[markCount];
        var markPrices = new double[markCount];
        var basis = new double[symbolCount];
        var basisRandom = new SyntheticRandom(options.Seed ^ 0x6D61726B5F707278UL); // its own sequence: the other columns are the same with and without marks
        int marks = 0;
        var minuteTrades = new List<PendingTrade>(256);
        var minuteQuotes = new List<PendingQuote>(256);
        var orderedTrades = new List<PendingTrade>(256);
        var orderedQuotes = new List<PendingQuote>(256);
        // Where each symbol's trades and quotes of the minute start in the lists (appended symbol by symbol, each in time order).
        var tradeRuns = new int[symbolCount + 1];
        var quoteRuns = new int[symbolCount + 1];
        var random = new SyntheticRandom(options.Seed);
        var path = new MinutePath();

        // The book of every symbol at the very start, so the data (and its daily equity samples) begin on the minute.
        if (options.Quotes)
            for (int s = 0; s < symbolCount; s++)
            {
                SymbolState st = states[s];
                (long bid, long ask) = st.Touch(st.Symbol.StartPrice, st.Symbol.SpreadBps, ref random);
                quotes.Add(options.StartTime, s, st.Price(bid), st.Size(st.QuoteLots(bid, ref random)), st.Price(ask), st.Size(st.QuoteLots(ask, ref random)));
            }

        double nu = options.TailDegreesOfFreedom, loading = options.MarketCorrelation;
        double idiosyncratic = Math.Sqrt(1 - loading * loading);
        double trendPersistence = Math.Pow(0.5, 1 / (options.TrendHalfLifeDays * MinutesPerDay));
        double trendShock = Math.Sqrt(1 - trendPersistence * trendPersistence) * options.TrendVolatility / (365.0 * MinutesPerDay);
        for (long m = 0; m < minutes; m++)
        {
            long minuteStart = options.StartTime + m * MinuteNs;
            double activity = Activity(options, minuteStart, m);
            double volatilityScale = Math.Sqrt(activity / MeanActivity(options));
            double market = random.StudentT(nu);
            minuteTrades.Clear();
            minuteQuotes.Clear();
            // Two trades of one symbol at the same microsecond (and so two quotes: each trade's quote has its time): the
            // merge below cannot tell the sort's order for them.
            bool sameTime = false;
            for (int s = 0; s < symbolCount; s++)
            {
                tradeRuns[s] = minuteTrades.Count;
                quoteRuns[s] = minuteQuotes.Count;
                SymbolState st = states[s];
                double shock = loading * market + idiosyncratic * random.StudentT(nu);
                st.Variance = st.Omega + options.GarchAlpha * st.LastInnovation * st.LastInnovation + options.GarchBeta * st.Variance;
                double deviation = Math.Sqrt(st.Variance);
                st.LastInnovation = deviation * shock;
                st.Drift = trendPersistence * st.Drift + trendShock * random.Normal();
                double minuteReturn = st.Drift + volatilityScale * st.LastInnovation;
                double minuteDeviation = volatilityScale * deviation;
                double relativeVolatility = deviation / st.MeanDeviation;

                double baseline = st.TradesPerMinute * activity * Math.Clamp(relativeVolatility, 0.25, 4);
                double intensity = baseline * ((1 - options.TradeClustering) + options.TradeClustering * st.Excitation);
                int count = random.Poisson(intensity);
                st.Excitation = ExcitationMemory * st.Excitation + (1 - ExcitationMemory) * (count / Math.Max(baseline, 1e-9));

                double spreadBps = st.Symbol.SpreadBps * Math.Clamp(relativeVolatility, 0.5, 5);
                path.Draw(ref random, count, st.LogMid, minuteReturn, minuteDeviation);
                for (int k = 0; k < count; k++)
                {
                    long time = minuteStart + (1 + (long)(path.Fractions[k] * (MinuteNs / 1000 - 2))) * 1000; // whole µs inside the minute
                    if (k > 0 && time == minuteTrades[^1].Time) sameTime = true;
                    double mid = Math.Exp(path.LogMids[k]);
                    (long bid, long ask) = st.Touch(mid, spreadBps, ref random);
                    double up = path.LogMids[k] - (k == 0 ? st.LogMid : path.LogMids[k - 1]);
                    bool buy = random.Uniform() < 0.5 + (up > 0 ? 0.25 : up < 0 ? -0.25 : 0);
                    long priceTicks = buy ? ask : bid;
                    long lots = Math.Max(1, (long)Math.Round(Math.Min(Math.Exp(Math.Log(400) + 1.4 * random.Normal()), 2e6) / (priceTicks * st.Symbol.TickSize) / st.Symbol.LotSize));
                    minuteTrades.Add(new PendingTrade(time, s, priceTicks, lots, buy ? Side.Buy : Side.Sell));
                    if (options.Quotes) minuteQuotes.Add(new PendingQuote(time, s, bid, st.QuoteLots(bid, ref random), ask, st.QuoteLots(ask, ref random)));
                    st.Bar(priceTicks, lots);
                }
                if (count == 0 && options.Quotes)
                {
                    (long bid, long ask) = st.Touch(Math.Exp(st.LogMid + minuteReturn / 2), spreadBps, ref random);
                    minuteQuotes.Add(new PendingQuote(minuteStart + MinuteNs / 2, s, bid, st.QuoteLots(bid, ref random), ask, st.QuoteLots(ask, ref random)));
                }
                st.LogMid += minuteReturn;
            }

            tradeRuns[symbolCount] = minuteTrades.Count;
            quoteRuns[symbolCount] = minuteQuotes.Count;
            // In time order, ties by symbol. Each symbol's events are in time order already, so merging the symbols' runs
            // gives the order the sort gives whenever no two events of one symbol share a time (then the keys are distinct
            // and the order unique); with such a tie the sort decides, as it always did. The merge looks at every symbol's
            // next event for each event it takes, so past MergedSymbols the sort is the quicker of the two.
            List<PendingTrade> tradesInOrder = minuteTrades;
            List<PendingQuote> quotesInOrder = minuteQuotes;
            if (sameTime || symbolCount > MergedSymbols)
            {
                if (options.Trades) minuteTrades.Sort(ByTimeThenSymbol);
                if (options.Quotes) minuteQuotes.Sort(ByTimeThenSymbol);
            }
            else
            {
                if (options.Trades) MergeRuns(minuteTrades, tradeRuns, symbolCount, tradesInOrder = orderedTrades);
                if (options.Quotes) MergeRuns(minuteQuotes, quoteRuns, symbolCount, quotesInOrder = orderedQuotes);
            }
            if (options.Trades)
                foreach (PendingTrade t in tradesInOrder)
                {
                    SymbolState st = states[t.Symbol];
                    trades.Add(t.Time, t.Symbol, st.Price(t.PriceTicks), st.Size(t.Lots), t.Aggressor);
                }
            if (options.Quotes)
            {
                foreach (PendingQuote q in quotesInOrder)
                {
                    SymbolState st = states[q.Symbol];
                    quotes.Add(q.Time, q.Symbol, st.Price(q.BidTicks), st.Size(q.BidLots), st.Price(q.AskTicks), st.Size(q.AskLots));
                }
            }
            for (int s = 0; s < symbolCount; s++)
            {
                SymbolState st = states[s];
                if (options.Bars)
                    bars.Add(minuteStart + MinuteNs, s, st.Price(st.OpenTicks), st.Price(st.HighTicks), st.Price(st.LowTicks), st.Price(st.CloseTicks), st.Size(st.VolumeLots));
                st.NextBar();
                if (options.MarkPrices)
                {
                    // The basis: AR(1) with persistence 0.95 a minute and a stationary deviation of 2 bps.
                    basis[s] = 0.95 * basis[s] + Math.Sqrt(1 - 0.95 * 0.95) * 0.0002 * basisRandom.Normal();
                    (markTimes[marks], markSymbols[marks], markPrices[marks]) = (minuteStart + MinuteNs, s, Math.Exp(st.LogMid) * (1 + basis[s]));
                    marks++;
                }
            }
        }

        var names = new string[symbolCount];
        for (int s = 0; s < symbolCount; s++) names[s] = options.Symbols[s].Name;
        string source = SyntheticMarketSpec.Describe(options);
        var table = new SymbolTable(names);
        var data = new MarketData(table,
            new TradeColumns(source, symbolCount, trades.Timestamps.ToMemory(), trades.Symbols.ToMemory(), trades.Prices.ToMemory(), trades.Sizes.ToMemory(), trades.Sides.ToMemory()),
            options.Quotes ? new QuoteColumns(source, symbolCount, quotes.Timestamps.ToMemory(), quotes.Symbols.ToMemory(), quotes.BidPrices.ToMemory(), quotes.BidSizes.ToMemory(), quotes.AskPrices.ToMemory(), quotes.AskSizes.ToMemory()) : null,
            options.Bars ? new BarColumns(source, symbolCount, bars.Timestamps.ToMemory(), bars.Symbols.ToMemory(), bars.Open.ToMemory(), bars.High.ToMemory(), bars.Low.ToMemory(), bars.Close.ToMemory(), bars.Volume.ToMemory()) : null);
        return options.MarkPrices ? data.WithMarkPrices(new MarkPriceColumns(source, symbolCount, markTimes, markSymbols, markPrices)) : data;
    }

    /// <summary>
    /// Relative trade intensity of the minute: 1 + A·cos(2π(hour − 14.5)/24) (peak at the US open, 14:30 UTC; the cycle
    /// averages to 1 over a day), times <see cref="SyntheticMarketOptions.WeekendActivity"/> on Saturdays and Sundays.
    /// </summary>
    private static double Activity(SyntheticMarketOptions options, long minuteStart, long minuteIndex)
    {
        double hour = (minuteIndex % MinutesPerDay) / 60.0 + (options.StartTime / MinuteNs % MinutesPerDay) / 60.0;
        double cycle = 1 + options.IntradayAmplitude * Math.Cos(2 * Math.PI * (hour - 14.5) / 24);
        DayOfWeek day = DateTime.UnixEpoch.AddTicks(minuteStart / 100).DayOfWeek;
        return day is DayOfWeek.Saturday or DayOfWeek.Sunday ? cycle * options.WeekendActivity : cycle;
    }

    /// <summary>The average of <see cref="Activity"/> over a week, so the seasonal volatility averages to the symbol's own.</summary>
    private static double MeanActivity(SyntheticMarketOptions options) => (5 + 2 * options.WeekendActivity) / 7;

    /// <summary>
    /// Merges the runs of <paramref name="items"/> (run r from <paramref name="starts"/>[r] to <paramref name="starts"/>[r + 1],
    /// each in time order; run r holds symbol r's events) into <paramref name="into"/> by time, ties by symbol.
    /// </summary>
    private static void MergeRuns<T>(List<T> items, int[] starts, int runs, List<T> into)
        where T : struct, IPending
    {
        into.Clear();
        Span<int> next = stackalloc int[runs];
        for (int r = 0; r < runs; r++) next[r] = starts[r];
        for (int n = items.Count; n > 0; n--)
        {
            int best = -1;
            long bestTime = long.MaxValue;
            for (int r = 0; r < runs; r++)
            {
                // The lowest run wins a tie of times: lower symbol ids go first.
                if (next[r] < starts[r + 1] && items[next[r]].Time < bestTime)
                {
                    best = r;
                    bestTime = items[next[r]].Time;
                }
            }
            into.Add(items[next[best]++]);
        }
    }

    /// <summary>The order of a minute's events: by time, ties by symbol.</summary>
    private static int ByTimeThenSymbol<T>(T a, T b)
        where T : struct, IPending => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Symbol.CompareTo(b.Symbol);

    private interface IPending
    {
        long Time { get; }
        int Symbol { get; }
    }

    private readonly record struct PendingTrade(long Time, int Symbol, long PriceTicks, long Lots, Side Aggressor) : IPending;

    private readonly record struct PendingQuote(long Time, int Symbol, long BidTicks, long BidLots, long AskTicks, long AskLots) : IPending;

    /// <summary>One symbol's evolving state: log mid, GARCH variance, activity, and the bar being built (in ticks and lots).</summary>
    private sealed class SymbolState
    {
        private readonly double _ticksPerUnit, _lotsPerUnit;
        private readonly bool _wholeTicks, _wholeLots;

        public SymbolState(SyntheticSymbol symbol, SyntheticMarketOptions options)
        {
            Symbol = symbol;
            MeanDeviation = symbol.AnnualVolatility / Math.Sqrt(365.0 * MinutesPerDay);
            Omega = (1 - options.GarchAlpha - options.GarchBeta) * MeanDeviation * MeanDeviation;
            Variance = MeanDeviation * MeanDeviation;
            TradesPerMinute = symbol.TradesPerDay * options.Activity / MinutesPerDay;
            LogMid = Math.Log(symbol.StartPrice);
            (_ticksPerUnit, _wholeTicks) = Whole(symbol.TickSize);
            (_lotsPerUnit, _wholeLots) = Whole(symbol.LotSize);
            CloseTicks = (long)Math.Round(symbol.StartPrice / symbol.TickSize);
            NextBar();
        }

        public SyntheticSymbol Symbol { get; }
        public double MeanDeviation { get; }
        public double Omega { get; }
        public double TradesPerMinute { get; }
        public double Variance { get; set; }
        public double LastInnovation { get; set; }
        public double Excitation { get; set; } = 1;
        public double Drift { get; set; }
        public double LogMid { get; set; }
        public long OpenTicks { get; private set; }
        public long HighTicks { get; private set; }
        public long LowTicks { get; private set; }
        public long CloseTicks { get; private set; }
        public long VolumeLots { get; private set; }
        private bool _barHasTrade;

        /// <summary>Bid and ask in ticks around <paramref name="mid"/>: the spread in whole ticks (at least one), sometimes a tick wider.</summary>
        public (long Bid, long Ask) Touch(double mid, double spreadBps, ref SyntheticRandom random)
        {
            double midTicks = mid / Symbol.TickSize;
            long spread = Math.Max(1, (long)Math.Round(midTicks * spreadBps / 10_000));
            if (random.Uniform() < 0.15) spread++;
            long bid = Math.Max(1, (long)Math.Floor(midTicks - spread / 2.0));
            return (bid, bid + spread);
        }

        /// <summary>Displayed size at a price: about 25,000 in quote currency, log-normally spread.</summary>
        public long QuoteLots(long priceTicks, ref SyntheticRandom random) =>
            Math.Max(1, (long)Math.Round(25_000 * Math.Exp(0.8 * random.Normal()) / (priceTicks * Symbol.TickSize) / Symbol.LotSize));

        public void Bar(long priceTicks, long lots)
        {
            if (!_barHasTrade)
            {
                OpenTicks = HighTicks = LowTicks = priceTicks;
                _barHasTrade = true;
            }
            HighTicks = Math.Max(HighTicks, priceTicks);
            LowTicks = Math.Min(LowTicks, priceTicks);
            CloseTicks = priceTicks;
            VolumeLots += lots;
        }

        /// <summary>Starts the next minute's bar at the last close (what an empty minute shows).</summary>
        public void NextBar()
        {
            OpenTicks = HighTicks = LowTicks = CloseTicks;
            VolumeLots = 0;
            _barHasTrade = false;
        }

        // Dividing by a whole number of ticks per unit keeps prices correctly rounded (100.01, not 100.01000000000001).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Price(long ticks) => _wholeTicks ? ticks / _ticksPerUnit : ticks * Symbol.TickSize;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Size(long lots) => _wholeLots ? lots / _lotsPerUnit : lots * Symbol.LotSize;

        private static (double PerUnit, bool Whole) Whole(double increment)
        {
            double perUnit = Math.Round(1 / increment);
            return (perUnit, perUnit >= 1 && Math.Abs(perUnit * increment - 1) < 1e-12);
        }
    }

    /// <summary>Trade times (sorted uniform fractions of the minute) and log mids on a Brownian bridge from the minute's start to its return.</summary>
    private sealed class MinutePath
    {
        public double[] Fractions = new double[64];
        public double[] LogMids = new double[64];

        public void Draw(ref SyntheticRandom random, int count, double logMid, double minuteReturn, double minuteDeviation)
        {
            if (count == 0) return;
            if (Fractions.Length < count)
            {
                Fractions = new double[count * 2];
                LogMids = new double[count * 2];
            }
            // Sorted uniforms: cumulative sums of count + 1 exponential gaps, divided by their total.
            double total = 0;
            for (int k = 0; k < count; k++) { total += random.Exponential(); Fractions[k] = total; }
            total += random.Exponential();
            for (int k = 0; k < count; k++) Fractions[k] /= total;
            double walk = 0, previous = 0;
            for (int k = 0; k < count; k++)
            {
                walk += minuteDeviation * Math.Sqrt(Fractions[k] - previous) * random.Normal();
                previous = Fractions[k];
                LogMids[k] = walk; // the free walk for now; pinned below
            }
            double end = walk + minuteDeviation * Math.Sqrt(1 - previous) * random.Normal();
            for (int k = 0; k < count; k++)
                LogMids[k] = logMid + Fractions[k] * minuteReturn + (LogMids[k] - Fractions[k] * end);
        }
    }

    private sealed class TradeRows(int capacity)
    {
        public readonly ColumnBuffer<long> Timestamps = new(capacity);
        public readonly ColumnBuffer<int> Symbols = new(capacity);
        public readonly ColumnBuffer<double> Prices = new(capacity);
        public readonly ColumnBuffer<double> Sizes = new(capacity);
        public readonly ColumnBuffer<Side> Sides = new(capacity);

        public void Add(long time, int symbol, double price, double size, Side side)
        {
            Timestamps.Add(time); Symbols.Add(symbol); Prices.Add(price); Sizes.Add(size); Sides.Add(side);
        }
    }

    private sealed class QuoteRows(int capacity)
    {
        public readonly ColumnBuffer<long> Timestamps = new(capacity);
        public readonly ColumnBuffer<int> Symbols = new(capacity);
        public readonly ColumnBuffer<double> BidPrices = new(capacity);
        public readonly ColumnBuffer<double> BidSizes = new(capacity);
        public readonly ColumnBuffer<double> AskPrices = new(capacity);
        public readonly ColumnBuffer<double> AskSizes = new(capacity);

        public void Add(long time, int symbol, double bid, double bidSize, double ask, double askSize)
        {
            Timestamps.Add(time); Symbols.Add(symbol); BidPrices.Add(bid); BidSizes.Add(bidSize); AskPrices.Add(ask); AskSizes.Add(askSize);
        }
    }

    private sealed class BarRows(int capacity)
    {
        public readonly ColumnBuffer<long> Timestamps = new(capacity);
        public readonly ColumnBuffer<int> Symbols = new(capacity);
        public readonly ColumnBuffer<double> Open = new(capacity);
        public readonly ColumnBuffer<double> High = new(capacity);
        public readonly ColumnBuffer<double> Low = new(capacity);
        public readonly ColumnBuffer<double> Close = new(capacity);
        public readonly ColumnBuffer<double> Volume = new(capacity);

        public void Add(long time, int symbol, double open, double high, double low, double close, double volume)
        {
            Timestamps.Add(time); Symbols.Add(symbol); Open.Add(open); High.Add(high); Low.Add(low); Close.Add(close); Volume.Add(volume);
        }
    }
}
