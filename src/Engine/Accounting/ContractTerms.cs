using System.Runtime.CompilerServices;

namespace Backtester.Accounting;

/// <summary>
/// A symbol's contract as the account values it: its multiplier, and whether it is inverse (coin-margined). The one
/// definition of what a contract is worth at a price; <see cref="SymbolAccount"/>, <see cref="Portfolio"/> and the
/// round-trip file all go through it.
/// </summary>
internal readonly record struct ContractTerms(double Multiplier, bool Inverse)
{
    /// <summary>A linear contract with multiplier 1 (spot-like), the default of data without instruments.</summary>
    public static ContractTerms Linear => new(1, false);

    /// <summary>Money per contract at <paramref name="price"/>: multiplier × price, or −multiplier / price for inverse contracts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double UnitValue(double price) => Inverse ? -Multiplier / price : Multiplier * price;

    /// <summary>The notional of one contract at <paramref name="price"/>: multiplier × price, or multiplier / price for inverse contracts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double UnitNotional(double price) => Inverse ? Multiplier / price : Multiplier * price;

    /// <summary>
    /// The price whose unit value is <paramref name="unitValue"/> (the inverse of <see cref="UnitValue"/>). For inverse
    /// contracts this makes an average entry price the harmonic mean of the fill prices, weighted by quantity.
    /// </summary>
    public double PriceOf(double unitValue) => Inverse ? -Multiplier / unitValue : unitValue / Multiplier;
}
