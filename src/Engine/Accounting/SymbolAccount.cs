using System;
using System.Runtime.InteropServices;

namespace Backtester.Accounting;

/// <summary>Per-symbol account state: signed position, average entry price, realized PnL, fees, last mark.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct SymbolAccount
{
    /// <summary>Signed quantity: positive long, negative short.</summary>
    public double Position;

    /// <summary>Average entry price of the open position (0 when flat).</summary>
    public double AveragePrice;

    /// <summary>Last price seen for the symbol (NaN before the first event).</summary>
    public double LastPrice;

    /// <summary>PnL realized by reductions and flips, before fees.</summary>
    public double RealizedPnl;

    /// <summary>Fees paid on this symbol.</summary>
    public double Fees;

    /// <summary>Sum of |quantity × price| over fills.</summary>
    public double Turnover;

    /// <summary>Realized PnL minus fees of the round trip in progress (flat to flat).</summary>
    public double OpenTripPnl;

    /// <summary>Funding received (positive) or paid (negative) on this symbol.</summary>
    public double Funding;

    /// <summary>Contract multiplier: money per price point of one unit of position (1 unless an instrument says otherwise).</summary>
    public double Multiplier;

    /// <summary>Maintenance margin rate of the symbol (0 unless the account is a margin account).</summary>
    public double MaintenanceRate;

    /// <summary>position × multiplier, set at every fill: what <see cref="Portfolio.Mark"/> multiplies a price change by.</summary>
    public double ValueSlope;

    /// <summary>Maintenance rate × |position| × multiplier (negated for inverse contracts), set at every fill, for the same purpose.</summary>
    public double MaintenanceSlope;

    /// <summary>Index of the settlement currency in the run's <see cref="SettlementCurrencies"/> (0: the reporting currency).</summary>
    public int Currency;

    /// <summary>True once the exchange's mark price has marked the symbol (<see cref="MarkSource.MarkPrice"/>): from then on only mark prices do.</summary>
    public bool HasMarkPrice;

    /// <summary>True for an inverse contract: one unit is worth multiplier / price in the settlement (base) currency.</summary>
    public bool Inverse;

    /// <summary>True when the symbol is on isolated margin (<see cref="AccountOptions.IsolatedSymbols"/>): its position carries <see cref="IsolatedMargin"/>.</summary>
    public bool Isolated;

    /// <summary>Initial margin rate of an isolated symbol: what each unit added locks, as a fraction of its notional at the fill price.</summary>
    public double InitialRate;

    /// <summary>
    /// The margin an isolated position carries (in the settlement currency): initial rate × unit notional at the fill price
    /// for every unit added, released pro rata when the position shrinks, plus the funding it received (decision 0088).
    /// </summary>
    public double IsolatedMargin;

    /// <summary>An isolated position's margin balance: its margin plus its unrealized PnL at the last price.</summary>
    public readonly double IsolatedBalance => IsolatedMargin + UnrealizedPnl;

    /// <summary>Unrealized PnL at the last price: position × multiplier × (last − average), or for inverse contracts × (1/average − 1/last).</summary>
    public readonly double UnrealizedPnl => Position == 0 ? 0
        : Inverse ? Position * Multiplier * (1 / AveragePrice - 1 / LastPrice) : Position * Multiplier * (LastPrice - AveragePrice);

    /// <summary>The notional of the position at the last price, in the settlement currency: |position| × <see cref="UnitNotional"/>.</summary>
    public readonly double Notional => Position == 0 ? 0 : Math.Abs(Position) * UnitNotional(LastPrice);

    /// <summary>The notional of one unit at <paramref name="price"/>: multiplier × price, or multiplier / price for inverse contracts.</summary>
    public readonly double UnitNotional(double price) => Contract.UnitNotional(price);

    /// <summary>The contract's terms (multiplier, inverse), which define <see cref="UnitValue"/> and <see cref="UnitNotional"/>.</summary>
    public readonly ContractTerms Contract => new(Multiplier, Inverse);

    /// <summary>
    /// What one unit is worth at <paramref name="price"/> for cash and equity: multiplier × price, or −multiplier / price
    /// for inverse contracts (a long inverse position gains as 1/price falls). Every PnL formula is linear in it.
    /// </summary>
    public readonly double UnitValue(double price) => Contract.UnitValue(price);
}
