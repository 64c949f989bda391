using System;
using System.Collections.Generic;

namespace Backtester;

/// <summary>
/// Settings of <see cref="SyntheticData.Market"/>, a seeded model of a crypto venue: per symbol, one-minute returns
/// with GARCH(1,1) volatility clustering and Student-t innovations, a shared market factor, intraday and weekend
/// seasonality, self-exciting (Hawkes-like) trade arrivals, a bid-ask spread that widens with volatility, and one-minute
/// bars built from the trades. The defaults give four symbols over four weeks: about 1M trades, 1M quotes and 160k bars.
/// </summary>
public sealed record SyntheticMarketOptions
{
    /// <summary>The instruments. Default <see cref="SyntheticSymbol.Defaults"/> (BTCUSDT, ETHUSDT, SOLUSDT, BNBUSDT).</summary>
    public IReadOnlyList<SyntheticSymbol> Symbols { get; init; } = SyntheticSymbol.Defaults();

    /// <summary>Days of data. Default 28.</summary>
    public int Days { get; init; } = 28;

    /// <summary>Seed of the generator; the same options give the same data. Default 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Start of the first minute, ns since the Unix epoch, UTC; must be a whole minute. Default 2024-01-01T00:00:00Z (a Monday).</summary>
    public long StartTime { get; init; } = 1_704_067_200_000_000_000L;

    /// <summary>Multiplies every symbol's <see cref="SyntheticSymbol.TradesPerDay"/> (0.1 for a tenth of the trades). Default 1.</summary>
    public double Activity { get; init; } = 1;

    /// <summary>Whether to emit the trades (the bars are built from them either way). Default true.</summary>
    public bool Trades { get; init; } = true;

    /// <summary>
    /// Whether to emit top-of-book quotes: one per symbol at <see cref="StartTime"/>, one with every trade (the quote it
    /// trades against, at the trade's time) and one in the middle of each minute without trades. Default true.
    /// </summary>
    public bool Quotes { get; init; } = true;

    /// <summary>Whether to emit one-minute bars (open, high, low, close and volume of the minute's trades). Default true.</summary>
    public bool Bars { get; init; } = true;

    /// <summary>
    /// Whether to emit the exchange's mark prices (<see cref="MarketData.MarkPrices"/>), as Binance's one-minute
    /// mark-price klines give them: one per symbol at the end of each minute, the minute's closing fair mid (between the
    /// bid and the ask, not a traded price) times 1 + a perpetual's basis to its index (an AR(1) of about 2 bps that
    /// halves in about 14 minutes). A minute's trades wick beyond it, as trades do beyond a mark. Default false.
    /// </summary>
    public bool MarkPrices { get; init; }

    /// <summary>Degrees of freedom of the Student-t innovations; lower is fatter-tailed, must exceed 2. Default 4.</summary>
    public double TailDegreesOfFreedom { get; init; } = 4;

    /// <summary>GARCH(1,1) reaction to the last squared return (α). Default 0.06.</summary>
    public double GarchAlpha { get; init; } = 0.06;

    /// <summary>GARCH(1,1) persistence of the variance (β); α + β must be below 1. Default 0.92.</summary>
    public double GarchBeta { get; init; } = 0.92;

    /// <summary>Loading of every symbol on the shared market factor (pairwise correlation is its square). Default 0.8.</summary>
    public double MarketCorrelation { get; init; } = 0.8;

    /// <summary>
    /// Size of the daily cycle of activity: trades per minute peak at 1 + amplitude around 14:30 UTC (US open) and bottom
    /// at 1 − amplitude twelve hours later; volatility follows the square root. Default 0.4.
    /// </summary>
    public double IntradayAmplitude { get; init; } = 0.4;

    /// <summary>Activity on Saturdays and Sundays relative to weekdays. Default 0.7.</summary>
    public double WeekendActivity { get; init; } = 0.7;

    /// <summary>
    /// Share of a minute's trade intensity that comes from recent activity rather than the baseline (the branching ratio
    /// of the self-excitation, 0 for plain Poisson arrivals); below 1. Default 0.5.
    /// </summary>
    public double TradeClustering { get; init; } = 0.5;

    /// <summary>
    /// Standard deviation of each symbol's slowly wandering drift, annualized (1 = 100% a year): an AR(1) trend with a
    /// half-life of <see cref="TrendHalfLifeDays"/>, the time-series momentum that trend followers live on (Liu and
    /// Tsyvinski 2021 find it in crypto). 0 for a driftless market. Default 1.
    /// </summary>
    public double TrendVolatility { get; init; } = 1;

    /// <summary>Half-life of the drift in days (how long a trend lasts). Default 2.</summary>
    public double TrendHalfLifeDays { get; init; } = 2;

    /// <summary>The time of the minute after the last one: <see cref="StartTime"/> + <see cref="Days"/> days.</summary>
    public long EndTime => StartTime + Days * BacktestOptions.OneDayNs;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting and its value.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Symbols, nameof(Symbols));
        if (Symbols.Count == 0) throw new ArgumentException("Symbols must name at least one symbol.", nameof(Symbols));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntheticSymbol symbol in Symbols)
        {
            ArgumentNullException.ThrowIfNull(symbol, nameof(Symbols));
            symbol.Validate();
            if (!names.Add(symbol.Name)) throw new ArgumentException($"Symbols names '{symbol.Name}' twice.", nameof(Symbols));
        }
        if (Days <= 0 || Days > 3650) throw new ArgumentOutOfRangeException(nameof(Days), Days, "Days must be within 1..3650.");
        if (StartTime < 0 || StartTime % 60_000_000_000L != 0 || StartTime > long.MaxValue - Days * BacktestOptions.OneDayNs)
            throw new ArgumentOutOfRangeException(nameof(StartTime), StartTime, "StartTime must be a whole minute, non-negative, and leave room for Days.");
        if (!(Activity > 0) || double.IsInfinity(Activity)) throw new ArgumentOutOfRangeException(nameof(Activity), Activity, "Activity must be positive and finite.");
        if (!(TailDegreesOfFreedom > 2) || double.IsInfinity(TailDegreesOfFreedom))
            throw new ArgumentOutOfRangeException(nameof(TailDegreesOfFreedom), TailDegreesOfFreedom, "TailDegreesOfFreedom must be finite and above 2 (the variance must exist).");
        if (!(GarchAlpha >= 0)) throw new ArgumentOutOfRangeException(nameof(GarchAlpha), GarchAlpha, "GarchAlpha must not be negative.");
        if (!(GarchBeta >= 0)) throw new ArgumentOutOfRangeException(nameof(GarchBeta), GarchBeta, "GarchBeta must not be negative.");
        if (!(GarchAlpha + GarchBeta < 1)) throw new ArgumentOutOfRangeException(nameof(GarchBeta), GarchBeta, $"GarchAlpha + GarchBeta must be below 1 (stationary variance), got {GarchAlpha + GarchBeta}.");
        if (!(MarketCorrelation >= 0 && MarketCorrelation <= 1)) throw new ArgumentOutOfRangeException(nameof(MarketCorrelation), MarketCorrelation, "MarketCorrelation must be within 0..1.");
        if (!(IntradayAmplitude >= 0 && IntradayAmplitude < 1)) throw new ArgumentOutOfRangeException(nameof(IntradayAmplitude), IntradayAmplitude, "IntradayAmplitude must be within 0..1 (exclusive).");
        if (!(WeekendActivity > 0 && WeekendActivity <= 10)) throw new ArgumentOutOfRangeException(nameof(WeekendActivity), WeekendActivity, "WeekendActivity must be within (0, 10].");
        if (!(TrendVolatility >= 0) || double.IsInfinity(TrendVolatility)) throw new ArgumentOutOfRangeException(nameof(TrendVolatility), TrendVolatility, "TrendVolatility must be non-negative and finite.");
        if (!(TrendHalfLifeDays > 0) || double.IsInfinity(TrendHalfLifeDays)) throw new ArgumentOutOfRangeException(nameof(TrendHalfLifeDays), TrendHalfLifeDays, "TrendHalfLifeDays must be positive and finite.");
        if (!(TradeClustering >= 0 && TradeClustering < 1)) throw new ArgumentOutOfRangeException(nameof(TradeClustering), TradeClustering, "TradeClustering must be within 0..1 (exclusive).");
    }
}
