namespace Backtester;

/// <summary>
/// How far a trailing stop keeps its stop from the best price its trigger has shown since it started trailing: a price
/// distance (<see cref="Price"/>, nautilus_trader's <c>TrailingOffsetType.PRICE</c>) or a fraction of that best price
/// (<see cref="Fraction"/> or <see cref="BasisPoints"/>; Binance's <c>callbackRate</c>, where 1 means 1 %, is
/// <c>Fraction(callbackRate / 100)</c>). Given to <see cref="Orders.TrailingStop(Side, double, TrailingOffset, double?, TimeInForce, bool)"/>
/// and <see cref="Orders.TrailingStopLimit(Side, double, TrailingOffset, double, double?, TimeInForce, bool)"/>.
/// </summary>
/// <remarks>
/// An offset that is not positive and finite, or a fraction not below 1, is rejected at decision time
/// (<see cref="RejectReason.InvalidPrice"/>). The default value (0) is such an offset.
/// </remarks>
public readonly record struct TrailingOffset
{
    private TrailingOffset(double value, bool isFraction)
    {
        Value = value;
        IsFraction = isFraction;
    }

    /// <summary>The distance in quote currency, or the fraction of the best price when <see cref="IsFraction"/>.</summary>
    public double Value { get; }

    /// <summary>True when <see cref="Value"/> is a fraction of the best price (0.01 is 1 %), false for a price distance.</summary>
    public bool IsFraction { get; }

    /// <summary>A distance in quote currency: a sell trailing stop at best − <paramref name="amount"/>, a buy at best + it.</summary>
    public static TrailingOffset Price(double amount) => new(amount, false);

    /// <summary>A fraction of the best price: a sell at best × (1 − <paramref name="fraction"/>), a buy at best × (1 + it); 0.01 is 1 %.</summary>
    public static TrailingOffset Fraction(double fraction) => new(fraction, true);

    /// <summary>A fraction in basis points: <c>BasisPoints(100)</c> is <c>Fraction(0.01)</c>.</summary>
    public static TrailingOffset BasisPoints(double basisPoints) => new(basisPoints / 10_000, true);

    /// <summary>True when the venue takes it: positive and finite, and below 1 as a fraction.</summary>
    public bool IsValid => Value > 0 && double.IsFinite(Value) && (!IsFraction || Value < 1);

    /// <summary>The distance of the stop from <paramref name="best"/>: <see cref="Value"/>, or <paramref name="best"/> × it for a fraction.</summary>
    public double DistanceFrom(double best) => IsFraction ? best * Value : Value;
}
