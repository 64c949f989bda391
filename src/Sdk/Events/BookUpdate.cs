using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>
/// A change of one price level of a symbol's order book (market-by-price, L2): the level's new total size, 0 when the
/// level is removed. <see cref="Book"/> is the symbol's book with this update already applied.
/// </summary>
/// <param name="Timestamp">Event time in nanoseconds since the Unix epoch, UTC.</param>
/// <param name="SymbolId">Index of the symbol in the data's symbol table.</param>
/// <param name="Side">The side of the level.</param>
/// <param name="Price">The level's price, positive and finite.</param>
/// <param name="Size">The level's new total size; 0 removes the level.</param>
/// <param name="Flags">Snapshot rows, book resets, and the end of a batch of updates with one timestamp.</param>
/// <param name="Book">The symbol's book after the update. Read it in the handler; the replay keeps changing it afterwards.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct BookUpdate(long Timestamp, int SymbolId, BookSide Side, double Price, double Size, BookUpdateFlags Flags, OrderBook Book)
{
    /// <summary>True when this is the last update of the symbol at this timestamp, so the book is consistent (see <see cref="BookUpdateFlags.EndOfBatch"/>).</summary>
    public bool IsEndOfBatch => (Flags & BookUpdateFlags.EndOfBatch) != 0;

    /// <summary>True when the row belongs to a snapshot.</summary>
    public bool IsSnapshot => (Flags & BookUpdateFlags.Snapshot) != 0;
}
