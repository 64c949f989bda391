using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Backtester.Data;
using Xunit;
using Xunit.Abstractions;

namespace Backtester.Data.Tests;

/// <summary>
/// The built-in market shows the stylised facts of real returns (Cont 2001): fat tails, volatility clustering, no
/// linear autocorrelation, intraday seasonality; and its three event kinds agree with each other.
/// </summary>
public sealed class SyntheticMarketTests(ITestOutputHelper output)
{
    private const long MinuteNs = 60_000_000_000L;
    private static readonly Lazy<MarketData> Default = new(() => SyntheticData.Market());

    [Fact]
    public void Default_market_is_four_symbols_over_four_weeks_of_trades_quotes_and_minute_bars()
    {
        var clock = Stopwatch.StartNew();
        MarketData data = SyntheticData.Market();
        output.WriteLine($"generated {data.EventCount:N0} events ({data.Trades.Count:N0} trades, {data.Quotes.Count:N0} quotes, {data.Bars.Count:N0} bars) in {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(new[] { "BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT" }, Enumerable.Range(0, 4).Select(s => data.Symbols[s]));
        Assert.Equal(4 * 28 * 1440, data.Bars.Count);
        // 36,400 trades a day on weekdays, 70% of that at weekends: 8 weekend days of 28.
        double expected = 36_400 * (20 + 8 * 0.7);
        Assert.InRange(data.Trades.Count, 0.8 * expected, 1.25 * expected);
        Assert.True(data.Quotes.Count >= data.Trades.Count);
        long start = 1_704_067_200_000_000_000L;
        Assert.Equal(start, data.Quotes.Timestamps.Span[0]); // the opening book
        Assert.True(data.Trades.Timestamps.Span[0] > start);
        Assert.Equal(start + 28 * 86_400_000_000_000L, data.Bars.Timestamps.Span[^1]);
    }

    [Fact]
    public void Same_seed_gives_the_same_market_and_another_seed_another()
    {
        var options = new SyntheticMarketOptions { Days = 2 };
        MarketData a = SyntheticData.Market(options), b = SyntheticData.Market(options), c = SyntheticData.Market(options with { Seed = 7 });
        Assert.True(a.Trades.Prices.Span.SequenceEqual(b.Trades.Prices.Span));
        Assert.True(a.Quotes.AskPrices.Span.SequenceEqual(b.Quotes.AskPrices.Span));
        Assert.True(a.Bars.Volume.Span.SequenceEqual(b.Bars.Volume.Span));
        Assert.False(a.Trades.Prices.Span.SequenceEqual(c.Trades.Prices.Span));
    }

    [Fact]
    public void Trades_and_quotes_come_in_time_order_ties_by_symbol_also_when_one_symbol_has_two_in_a_microsecond()
    {
        // The default market's symbols often quote at the same instant (a minute without trades quotes at its middle),
        // so the order of ties between symbols is tested there; a busy market (20 times the trades) has two trades of
        // one symbol in the same microsecond, whose minute the generator orders by sorting rather than merging.
        MarketData busy = SyntheticData.Market(new SyntheticMarketOptions { Days = 2, Activity = 20 });
        Assert.True(Pairs(busy.Trades.Timestamps.Span, busy.Trades.SymbolIds.Span, sameSymbol: true) >= 1, "no symbol traded twice in a microsecond");
        Assert.True(Pairs(Default.Value.Quotes.Timestamps.Span, Default.Value.Quotes.SymbolIds.Span, sameSymbol: false) >= 100, "too few quotes of two symbols at one instant");
        foreach (MarketData data in new[] { Default.Value, busy })
        {
            AssertInOrder(data.Trades.Timestamps.Span, data.Trades.SymbolIds.Span, "trade");
            AssertInOrder(data.Quotes.Timestamps.Span, data.Quotes.SymbolIds.Span, "quote");
        }

        static int Pairs(ReadOnlySpan<long> times, ReadOnlySpan<int> symbols, bool sameSymbol)
        {
            int pairs = 0;
            for (int i = 1; i < times.Length; i++)
                if (times[i] == times[i - 1] && (symbols[i] == symbols[i - 1]) == sameSymbol) pairs++;
            return pairs;
        }

        static void AssertInOrder(ReadOnlySpan<long> times, ReadOnlySpan<int> symbols, string kind)
        {
            for (int i = 1; i < times.Length; i++)
                Assert.True(times[i] > times[i - 1] || (times[i] == times[i - 1] && symbols[i] >= symbols[i - 1]),
                    $"{kind} {i} ({times[i]}, symbol {symbols[i]}) after ({times[i - 1]}, symbol {symbols[i - 1]})");
        }
    }

    [Fact]
    public void Minute_returns_have_fat_tails_clustered_volatility_and_no_linear_autocorrelation()
    {
        MarketData data = Default.Value;
        for (int s = 0; s < data.Symbols.Count; s++)
        {
            double[] r = MinuteReturns(data, s);
            double kurtosis = Kurtosis(r);
            double absAcf = Enumerable.Range(1, 10).Average(lag => Autocorrelation(r.Select(Math.Abs).ToArray(), lag));
            double acf1 = Autocorrelation(r, 1);
            output.WriteLine($"{data.Symbols[s]}: kurtosis {kurtosis:F2}, mean acf(|r|, 1..10) {absAcf:F3}, acf(r, 1) {acf1:F3}");
            Assert.True(kurtosis > 4, $"{data.Symbols[s]}: kurtosis {kurtosis} (a normal law has 3)");
            // With n ≈ 40,000 returns an autocorrelation of independent data has a standard error of 1/sqrt(n) ≈ 0.005.
            Assert.True(absAcf > 0.05, $"{data.Symbols[s]}: mean autocorrelation of |r| {absAcf}");
            Assert.True(Math.Abs(acf1) < 0.05, $"{data.Symbols[s]}: lag-1 autocorrelation of r {acf1}");
        }
    }

    [Fact]
    public void Realized_volatility_is_near_each_symbols_setting_and_symbols_move_together()
    {
        MarketData data = Default.Value;
        SyntheticSymbol[] symbols = SyntheticSymbol.Defaults();
        for (int s = 0; s < symbols.Length; s++)
        {
            double[] r = MinuteReturns(data, s);
            double annualized = StandardDeviation(r) * Math.Sqrt(365 * 1440);
            output.WriteLine($"{symbols[s].Name}: realized volatility {annualized:P1}, setting {symbols[s].AnnualVolatility:P0}");
            Assert.InRange(annualized, 0.6 * symbols[s].AnnualVolatility, 1.5 * symbols[s].AnnualVolatility);
        }
        // Loading 0.8 on one market factor: a correlation of 0.64 between any two symbols (less the bid-ask noise).
        double correlation = Correlation(MinuteReturns(data, 0), MinuteReturns(data, 1));
        output.WriteLine($"BTC-ETH correlation of minute returns {correlation:F2}");
        Assert.InRange(correlation, 0.4, 0.8);
    }

    [Fact]
    public void Trades_are_busiest_at_the_us_open_and_quieter_at_night_and_at_weekends()
    {
        MarketData data = Default.Value;
        var byHour = new double[24];
        double weekday = 0, weekend = 0;
        ReadOnlySpan<long> times = data.Trades.Timestamps.Span;
        foreach (long t in times)
        {
            DateTime time = DateTime.UnixEpoch.AddTicks(t / 100);
            byHour[time.Hour]++;
            if (time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) weekend++;
            else weekday++;
        }
        double peak = byHour[13] + byHour[14] + byHour[15], trough = byHour[1] + byHour[2] + byHour[3];
        output.WriteLine($"trades 13-16 UTC / 01-04 UTC = {peak / trough:F2}; per weekend day / per weekday = {weekend / 8 / (weekday / 20):F2}");
        // The cycle 1 + 0.4 cos(2π(h − 14.5)/24) gives about 1.38 / 0.62 ≈ 2.2 between these windows.
        Assert.InRange(peak / trough, 1.6, 3.0);
        Assert.InRange(weekend / 8 / (weekday / 20), 0.55, 0.85);
    }

    [Fact]
    public void Every_quote_has_a_positive_spread_and_every_trade_prints_at_the_bid_or_ask_of_its_quote()
    {
        MarketData data = SyntheticData.Market(new SyntheticMarketOptions { Days = 3 });
        QuoteColumns q = data.Quotes;
        TradeColumns t = data.Trades;
        for (int i = 0; i < q.Count; i++)
            Assert.True(q.AskPrices.Span[i] > q.BidPrices.Span[i], $"quote {i}: bid {q.BidPrices.Span[i]} ask {q.AskPrices.Span[i]}");
        // The quote a trade hits has the trade's timestamp and symbol.
        var touch = new Dictionary<(long, int), (double Bid, double Ask)>();
        for (int i = 0; i < q.Count; i++) touch[(q.Timestamps.Span[i], q.SymbolIds.Span[i])] = (q.BidPrices.Span[i], q.AskPrices.Span[i]);
        int buys = 0;
        for (int i = 0; i < t.Count; i++)
        {
            var (bid, ask) = touch[(t.Timestamps.Span[i], t.SymbolIds.Span[i])];
            double expected = t.Aggressors.Span[i] == Side.Buy ? ask : bid;
            Assert.Equal(expected, t.Prices.Span[i]);
            if (t.Aggressors.Span[i] == Side.Buy) buys++;
        }
        Assert.InRange(buys / (double)t.Count, 0.45, 0.55);
    }

    [Fact]
    public void Each_bar_is_the_open_high_low_close_and_volume_of_its_minutes_trades()
    {
        MarketData data = SyntheticData.Market(new SyntheticMarketOptions { Days = 3 });
        TradeColumns t = data.Trades;
        var minutes = new Dictionary<(long, int), (double Open, double High, double Low, double Close, double Volume)>();
        for (int i = 0; i < t.Count; i++)
        {
            long close = (t.Timestamps.Span[i] / MinuteNs + 1) * MinuteNs;
            var key = (close, t.SymbolIds.Span[i]);
            double p = t.Prices.Span[i], v = t.Sizes.Span[i];
            minutes[key] = minutes.TryGetValue(key, out var b) ? (b.Open, Math.Max(b.High, p), Math.Min(b.Low, p), p, b.Volume + v) : (p, p, p, p, v);
        }
        BarColumns bars = data.Bars;
        var lastClose = new double[data.Symbols.Count];
        int empty = 0;
        for (int i = 0; i < bars.Count; i++)
        {
            int s = bars.SymbolIds.Span[i];
            if (minutes.TryGetValue((bars.Timestamps.Span[i], s), out var m))
            {
                Assert.Equal(m.Open, bars.Open.Span[i]);
                Assert.Equal(m.High, bars.High.Span[i]);
                Assert.Equal(m.Low, bars.Low.Span[i]);
                Assert.Equal(m.Close, bars.Close.Span[i]);
                Assert.Equal(m.Volume, bars.Volume.Span[i], 1e-9 * m.Volume);
            }
            else
            {
                // A minute without trades: volume 0, every price the previous close.
                empty++;
                Assert.Equal(0, bars.Volume.Span[i]);
                if (lastClose[s] > 0) Assert.Equal(lastClose[s], bars.Open.Span[i]);
                Assert.Equal(bars.Open.Span[i], bars.Close.Span[i]);
            }
            lastClose[s] = bars.Close.Span[i];
        }
        Assert.Equal(minutes.Count + empty, bars.Count);
    }

    [Fact]
    public void Synthetic_market_spec_selects_days_symbols_and_seed_and_names_unknown_settings()
    {
        MarketData data = MarketDataFiles.Open("synthetic:market,days=2,symbols=2,seed=7,bars=false");
        Assert.Equal(2, data.Symbols.Count);
        Assert.Equal("ETHUSDT", data.Symbols[1]);
        Assert.Equal(0, data.Bars.Count);
        Assert.True(data.Trades.Timestamps.Span[^1] < 1_704_067_200_000_000_000L + 2 * 86_400_000_000_000L);
        Assert.Equal(3, MarketDataFiles.Open("synthetic:market,symbols=BTCUSDT+SOLUSDT+BNBUSDT,days=1").Symbols.Count);
        var e = Assert.Throws<ArgumentException>(() => MarketDataFiles.Open("synthetic:market,weeks=2"));
        Assert.Contains("'weeks'", e.Message);
        var bad = Assert.Throws<ArgumentException>(() => MarketDataFiles.Open("synthetic:market,symbols=DOGEUSDT"));
        Assert.Contains("DOGEUSDT", bad.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Market(new SyntheticMarketOptions { GarchAlpha = 0.2, GarchBeta = 0.85 }));
    }

    [Fact]
    public void The_source_of_a_market_is_a_spec_that_opens_the_same_market_again()
    {
        MarketData a = SyntheticData.Market(new SyntheticMarketOptions { Days = 1, Seed = 9, Quotes = false });
        Assert.Equal("synthetic:market,days=1,seed=9,symbols=BTCUSDT+ETHUSDT+SOLUSDT+BNBUSDT,quotes=false", a.Source);
        MarketData b = MarketDataFiles.Open(a.Source);
        Assert.True(a.Trades.Prices.Span.SequenceEqual(b.Trades.Prices.Span));
        Assert.StartsWith("synthetic-market(custom", SyntheticData.Market(new SyntheticMarketOptions { Days = 1, TradeClustering = 0.3 }).Source);
    }

    /// <summary>Log returns of consecutive one-minute bar closes of one symbol.</summary>
    private static double[] MinuteReturns(MarketData data, int symbol)
    {
        var closes = new List<double>();
        BarColumns bars = data.Bars;
        for (int i = 0; i < bars.Count; i++)
            if (bars.SymbolIds.Span[i] == symbol) closes.Add(bars.Close.Span[i]);
        var r = new double[closes.Count - 1];
        for (int i = 1; i < closes.Count; i++) r[i - 1] = Math.Log(closes[i] / closes[i - 1]);
        return r;
    }

    private static double Kurtosis(double[] x)
    {
        double mean = x.Average(), m2 = x.Average(v => (v - mean) * (v - mean)), m4 = x.Average(v => Math.Pow(v - mean, 4));
        return m4 / (m2 * m2);
    }

    private static double Autocorrelation(double[] x, int lag)
    {
        double mean = x.Average(), denominator = x.Sum(v => (v - mean) * (v - mean)), numerator = 0;
        for (int i = lag; i < x.Length; i++) numerator += (x[i] - mean) * (x[i - lag] - mean);
        return numerator / denominator;
    }

    private static double StandardDeviation(double[] x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
    }

    private static double Correlation(double[] x, double[] y)
    {
        int n = Math.Min(x.Length, y.Length);
        double mx = x.Take(n).Average(), my = y.Take(n).Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        return sxy / Math.Sqrt(sxx * syy);
    }

    [Fact]
    public void Mark_prices_come_once_a_minute_per_symbol_near_the_close_and_change_nothing_else()
    {
        var options = new SyntheticMarketOptions { Days = 2 };
        MarketData plain = SyntheticData.Market(options);
        MarketData marked = SyntheticData.Market(options with { MarkPrices = true });

        // The trades, quotes and bars are those of the market without marks, bit for bit.
        Assert.Equal(plain.Identity.Fingerprint, new MarketData(marked.Symbols, marked.Trades, marked.Quotes, marked.Bars).Identity.Fingerprint);
        Assert.Equal(0, plain.MarkPrices.Count);
        MarkPriceColumns m = marked.MarkPrices;
        Assert.Equal(4 * 2 * 1440, m.Count);
        // Each minute's marks at its end, symbols in order, matching that minute's bar (stamped with its close too).
        ReadOnlySpan<long> barTimes = marked.Bars.Timestamps.Span;
        ReadOnlySpan<double> close = marked.Bars.Close.Span, high = marked.Bars.High.Span, low = marked.Bars.Low.Span;
        double largest = 0;
        int outside = 0;
        var gaps = new double[m.Count];
        for (int i = 0; i < m.Count; i++)
        {
            Assert.Equal(barTimes[i], m.Timestamps.Span[i]);
            Assert.Equal(marked.Bars.SymbolIds.Span[i], m.SymbolIds.Span[i]);
            double price = m.Prices.Span[i];
            gaps[i] = Math.Abs(price / close[i] - 1);
            largest = Math.Max(largest, gaps[i]);
            if (price > high[i] || price < low[i]) outside++;
        }
        // The mark is the minute-end fair mid times a basis of 2 bps (standard deviation); the close is the minute's last
        // trade, at the bid or the ask (about 1 bp from the mid) some seconds before the end (a few bps of movement in a
        // minute of about 5-10 bps of volatility). So the typical gap is a few bps, and none is absurd (GARCH minutes
        // with fat tails reach about 1 %).
        Array.Sort(gaps);
        Assert.True(gaps[gaps.Length / 2] < 0.0005, $"median |mark / close - 1| = {gaps[gaps.Length / 2]}");
        Assert.True(largest < 0.02, $"largest |mark / close - 1| = {largest}");
        // Yet it is not a traded price: some marks fall outside their minute's traded range (minutes of few trades).
        Assert.True(outside > 0, "no mark outside its bar's range");
        Assert.Equal("synthetic:market,days=2,seed=42,symbols=BTCUSDT+ETHUSDT+SOLUSDT+BNBUSDT,marks=true", marked.Source);
        Assert.Equal(m.Prices.ToArray(), MarketDataFiles.Open(marked.Source).MarkPrices.Prices.ToArray());
    }
}
