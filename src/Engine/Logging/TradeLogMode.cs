using System;

namespace Backtester;

/// <summary>Which fills a backtest keeps: none (<see cref="SummaryOnly"/>), all (<see cref="All"/>) or the last N (<see cref="RingBuffer"/>).</summary>
public readonly record struct TradeLogMode
{
    private TradeLogMode(TradeLogKind kind, int capacity)
    {
        Kind = kind;
        Capacity = capacity;
    }

    /// <summary>Keep no fill: nothing is stored per event or per fill, so memory does not grow with the data.</summary>
    public static TradeLogMode SummaryOnly => default;

    /// <summary>Keep every fill, in a pooled buffer that grows as needed.</summary>
    public static TradeLogMode All => new(TradeLogKind.All, 0);

    /// <summary>Keep the last <paramref name="capacity"/> fills (a fixed buffer; older fills are overwritten).</summary>
    public static TradeLogMode RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        return new(TradeLogKind.RingBuffer, capacity);
    }

    /// <summary>Which fills are kept.</summary>
    public TradeLogKind Kind { get; }

    /// <summary>The number of fills a <see cref="TradeLogKind.RingBuffer"/> keeps (0 otherwise).</summary>
    public int Capacity { get; }

    internal void Validate()
    {
        if (Kind > TradeLogKind.RingBuffer || (Kind == TradeLogKind.RingBuffer) != (Capacity > 0))
            throw new ArgumentOutOfRangeException("TradeLog", this, "Use TradeLogMode.SummaryOnly, TradeLogMode.All or TradeLogMode.RingBuffer(n) with n > 0.");
    }
}
