using System.Runtime.InteropServices;

namespace Backtester.Execution;

/// <summary>
/// What the venue knows of one symbol's market: the last quote and how much of its displayed liquidity our own
/// fills have left, and, on book data, the symbol's L2 book and what our fills took from it. Liquidity figures are +∞ when fills are not bounded by displayed size.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct SymbolBook
{
    /// <summary>True once a quote of the symbol has been seen; market orders then fill at the touch.</summary>
    public bool HasQuote;
    public double Bid, BidSize, Ask, AskSize;

    /// <summary>Displayed size at the touch our fills have not used yet (replenished by the next quote).</summary>
    public double BidAvailable, AskAvailable;

    /// <summary>How many times the bid (ask) price has changed: a queue model's last seen size at a price is stale once the touch has left it.</summary>
    public long BidMoves, AskMoves;

    /// <summary>The symbol's L2 book once the run has book data for it (null otherwise): takers then walk its levels.</summary>
    public OrderBook? Depth;

    /// <summary>Our own consumption of <see cref="Depth"/>'s levels; set together with it.</summary>
    public DepthConsumption? Consumed;

    /// <summary>True once a book update of the symbol came from market-by-order data: the FIFO queue model follows its orders.</summary>
    public bool OrderByOrder;

    /// <summary>True when an L3 execution traded past a resting order (<see cref="WorkingOrder.QueueFill"/>) that has not filled yet.</summary>
    public bool QueueFillDue;
}
