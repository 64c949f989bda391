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

    /// <summary>Unrealized PnL at the last price.</summary>
    public readonly double UnrealizedPnl => Position == 0 ? 0 : Position * Multiplier * (LastPrice - AveragePrice);

    /// <summary>|position| × multiplier × last price: the notional of the position, in quote currency.</summary>
    public readonly double Notional => Position == 0 ? 0 : Math.Abs(Position) * Multiplier * LastPrice;
}
