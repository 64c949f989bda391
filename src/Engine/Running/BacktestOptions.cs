using System;

namespace Backtester;

/// <summary>How a backtest simulates the venue and accounts for costs. Defaults: 100,000 capital, no latency, no fees, no slippage.</summary>
public sealed record BacktestOptions
{
    /// <summary>The default options.</summary>
    public static BacktestOptions Default { get; } = new();

    /// <summary>Starting cash in quote currency. Default 100,000.</summary>
    public double InitialCapital { get; init; } = 100_000;

    /// <summary>
    /// Time in ns from the event on which an order is decided until it reaches the simulated venue. The order fills
    /// only against later events at or after that time. Default 0 (it fills against the next event of its symbol).
    /// </summary>
    public long OrderLatencyNs { get; init; }

    /// <summary>Fee on liquidity-taking fills, in basis points of the traded notional. Default 0.</summary>
    public double TakerFeeBps { get; init; }

    /// <summary>Fixed fee charged per fill, in quote currency. Default 0.</summary>
    public double FeePerFill { get; init; }

    /// <summary>Price slippage of market orders in basis points, against the order (buys pay more, sells get less). Default 0.</summary>
    public double SlippageBps { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting and its value.</summary>
    public void Validate()
    {
        if (!(InitialCapital > 0) || double.IsInfinity(InitialCapital))
            throw new ArgumentOutOfRangeException(nameof(InitialCapital), InitialCapital, "InitialCapital must be positive and finite.");
        if (OrderLatencyNs < 0)
            throw new ArgumentOutOfRangeException(nameof(OrderLatencyNs), OrderLatencyNs, "OrderLatencyNs must not be negative.");
        RequireNonNegativeFinite(TakerFeeBps, nameof(TakerFeeBps));
        RequireNonNegativeFinite(FeePerFill, nameof(FeePerFill));
        RequireNonNegativeFinite(SlippageBps, nameof(SlippageBps));
    }

    private static void RequireNonNegativeFinite(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a non-negative finite number.");
    }
}
