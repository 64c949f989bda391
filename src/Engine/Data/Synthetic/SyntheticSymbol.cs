using System;

namespace Backtester;

/// <summary>
/// One instrument of <see cref="SyntheticData.Market"/>: its name, where its price starts, its tick and lot sizes,
/// and the three numbers that set how it behaves: annualized volatility, trades per day and the typical bid-ask spread.
/// </summary>
/// <param name="Name">The symbol's name, e.g. <c>BTCUSDT</c>.</param>
/// <param name="StartPrice">The mid price at the start, in quote currency.</param>
/// <param name="TickSize">The price increment; every price is a whole number of ticks.</param>
/// <param name="LotSize">The size increment; every trade and quote size is a whole number of lots.</param>
/// <param name="AnnualVolatility">The long-run annualized volatility of log returns (0.5 = 50%), over 365 days.</param>
/// <param name="TradesPerDay">The average number of trades a day, before seasonality and clustering.</param>
/// <param name="SpreadBps">The typical bid-ask spread in basis points of the mid (at least one tick).</param>
public sealed record SyntheticSymbol(string Name, double StartPrice, double TickSize, double LotSize, double AnnualVolatility, double TradesPerDay, double SpreadBps)
{
    /// <summary>
    /// The default instruments, shaped after large crypto spot pairs in early 2024: BTCUSDT, ETHUSDT, SOLUSDT and
    /// BNBUSDT, about 36,000 trades a day between them.
    /// </summary>
    public static SyntheticSymbol[] Defaults() =>
    [
        new("BTCUSDT", 42_000, 0.1, 0.00001, 0.50, 14_400, 0.4),
        new("ETHUSDT", 2_300, 0.01, 0.0001, 0.60, 10_000, 0.6),
        new("SOLUSDT", 100, 0.001, 0.01, 0.90, 8_000, 1.5),
        new("BNBUSDT", 310, 0.01, 0.001, 0.55, 4_000, 1.2),
    ];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting and its value.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("A synthetic symbol needs a name.", nameof(Name));
        Positive(StartPrice, nameof(StartPrice));
        Positive(TickSize, nameof(TickSize));
        Positive(LotSize, nameof(LotSize));
        Positive(AnnualVolatility, nameof(AnnualVolatility));
        Positive(TradesPerDay, nameof(TradesPerDay));
        Positive(SpreadBps, nameof(SpreadBps));
        if (StartPrice < 10 * TickSize)
            throw new ArgumentOutOfRangeException(nameof(StartPrice), StartPrice, $"{Name}: StartPrice must be at least 10 ticks ({TickSize}).");
    }

    private void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{Name}: {name} must be positive and finite.");
    }
}
