using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>
/// One row of a run's ledger: a cash flow that is not a fill, written to <c>ledger.arrow</c> when the run writes result
/// files (the file exists only if some row was written). Today: funding payments.
/// </summary>
/// <param name="Timestamp">When the cash moved, ns since the Unix epoch, UTC.</param>
/// <param name="SymbolId">The symbol it belongs to.</param>
/// <param name="Kind">What moved it.</param>
/// <param name="Amount">Cash received (positive) or paid (negative), in the symbol's settlement currency (the base coin for inverse contracts).</param>
/// <param name="Position">The position it was computed on.</param>
/// <param name="Rate">The funding rate.</param>
/// <param name="Price">The price it was computed at (the mark price, or the last price when the data has none).</param>
[ArrowRecord]
[StructLayout(LayoutKind.Auto)]
public readonly partial record struct Ledger([ArrowTimestamp] long Timestamp, int SymbolId, LedgerKind Kind, double Amount, double Position, double Rate, double Price);
