using System;

namespace Backtester;

/// <summary>
/// The trading rules and contract terms of one symbol: price and quantity grids, minimums, contract size and kind,
/// currencies, fees and margin. Every rule is optional: 0 (or null) means "no such rule", so a symbol without an
/// instrument trades as it always did (any positive price and quantity, multiplier 1, linear). Loaded from a JSON file
/// or Binance's <c>exchangeInfo</c> by <see cref="InstrumentFile"/>; the format is in docs/execution.md, "Instruments".
/// </summary>
/// <param name="Symbol">The symbol name, as in the market data.</param>
public sealed record Instrument(string Symbol)
{
    /// <summary>Price increment: limit and stop prices must be multiples of it. 0: any price.</summary>
    public double TickSize { get; init; }

    /// <summary>Quantity increment: quantities must be multiples of it. 0: any quantity.</summary>
    public double LotSize { get; init; }

    /// <summary>Smallest quantity of an order. 0: none.</summary>
    public double MinQuantity { get; init; }

    /// <summary>Smallest quantity × price × multiplier of an order, in the quote currency. 0: none.</summary>
    public double MinNotional { get; init; }

    /// <summary>Units of the underlying per contract (1 for spot). Money per price point of one contract.</summary>
    public double ContractMultiplier { get; init; } = 1;

    /// <summary>Linear (the default) or inverse.</summary>
    public ContractKind Kind { get; init; }

    /// <summary>The traded asset, e.g. BTC: an inverse contract's settlement currency by default, and what the symbol's price converts into the quote currency.</summary>
    public string? BaseCurrency { get; init; }

    /// <summary>The currency of prices, e.g. USDT: a linear contract's settlement currency by default.</summary>
    public string? QuoteCurrency { get; init; }

    /// <summary>The currency PnL settles in: the quote currency for linear contracts, the base currency for inverse ones.</summary>
    public string? SettlementCurrency { get; init; }

    /// <summary>Maker fee in basis points (negative: rebate); null: the run's <see cref="BacktestOptions.MakerFeeBps"/>.</summary>
    public double? MakerFeeBps { get; init; }

    /// <summary>Taker fee in basis points; null: the run's <see cref="BacktestOptions.TakerFeeBps"/>.</summary>
    public double? TakerFeeBps { get; init; }

    /// <summary>Initial margin as a fraction of notional (0.1 = 10x leverage); null: the account's <see cref="AccountOptions.InitialMargin"/>.</summary>
    public double? InitialMargin { get; init; }

    /// <summary>Maintenance margin as a fraction of notional; null: the account's <see cref="AccountOptions.MaintenanceMargin"/>.</summary>
    public double? MaintenanceMargin { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the symbol, the field and the bad value.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Symbol)) throw new ArgumentException("An instrument has no symbol.", nameof(Symbol));
        NonNegative(TickSize, nameof(TickSize));
        NonNegative(LotSize, nameof(LotSize));
        NonNegative(MinQuantity, nameof(MinQuantity));
        NonNegative(MinNotional, nameof(MinNotional));
        if (!(ContractMultiplier > 0) || double.IsInfinity(ContractMultiplier))
            throw new ArgumentException($"Instrument '{Symbol}': ContractMultiplier must be positive and finite, not {ContractMultiplier}.", nameof(ContractMultiplier));
        if (Kind > ContractKind.Inverse)
            throw new ArgumentException($"Instrument '{Symbol}': unknown contract kind {Kind}.", nameof(Kind));
        if (MakerFeeBps is { } maker && !(maker >= -BacktestOptions.MaxRateBps && maker <= BacktestOptions.MaxRateBps))
            throw new ArgumentException($"Instrument '{Symbol}': MakerFeeBps must be between -{BacktestOptions.MaxRateBps} and {BacktestOptions.MaxRateBps} (BacktestOptions.MaxRateBps), not {maker}.", nameof(MakerFeeBps));
        if (TakerFeeBps is { } taker && !(taker >= 0 && taker <= BacktestOptions.MaxRateBps))
            throw new ArgumentException($"Instrument '{Symbol}': TakerFeeBps must be between 0 and {BacktestOptions.MaxRateBps} (BacktestOptions.MaxRateBps), not {taker}.", nameof(TakerFeeBps));
        if (InitialMargin is { } im && !(im > 0 && im <= 1))
            throw new ArgumentException($"Instrument '{Symbol}': InitialMargin must be in (0, 1], not {im}.", nameof(InitialMargin));
        if (MaintenanceMargin is { } mm && !(mm >= 0 && mm <= 1))
            throw new ArgumentException($"Instrument '{Symbol}': MaintenanceMargin must be in [0, 1], not {mm}.", nameof(MaintenanceMargin));
        if (InitialMargin is { } initial && MaintenanceMargin is { } maintenance && maintenance > initial)
            throw new ArgumentException($"Instrument '{Symbol}': MaintenanceMargin {maintenance} is above InitialMargin {initial}.", nameof(MaintenanceMargin));
    }

    private void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentException($"Instrument '{Symbol}': {name} must be a non-negative finite number, not {value}.", name);
    }
}
