using System;

namespace Backtester.Execution;

/// <summary>
/// The L3 FIFO queue model's seam (docs/execution.md, "L3 FIFO"; decision 0067): the book cursor reports the exchange
/// order each market-by-order row changed, and with <see cref="QueuePosition.Fifo"/> resting limits at its price
/// advance by the decreases of orders ahead of them and fill on executions of orders behind them. The rest of the model
/// is three checks elsewhere: <c>JoinQueue</c> records <see cref="WorkingOrder.ArrivalSequence"/>, <c>ApplyBookLevel</c>
/// leaves L3 symbols to this file, and <c>MatchResting</c> fills <see cref="WorkingOrder.QueueFill"/> and does not let
/// trades at the price move a FIFO order on an L3 symbol.
/// </summary>
internal sealed partial class ExecutionSimulator<TModels>
{
    /// <summary>
    /// A new L3 table starts (the first row of a segment's order feed): its priorities, row numbers of that table, are
    /// placed after every priority seen so far, so the orders resting from earlier segments stay ahead of its orders.
    /// </summary>
    public void StartOrderFeed() => _l3Base = _l3Next;

    /// <summary>
    /// Records the exchange order an L3 row changed (called before its book update, <see cref="ApplyBookLevel"/>): its
    /// queue <paramref name="priority"/>, the <paramref name="change"/> of its size at <paramref name="price"/>, and whether
    /// it was an <paramref name="execution"/>. With the FIFO model, resting limits of the symbol at that price advance by
    /// the decrease of an order ahead of them, and an execution of an order behind them traded past the queue: what it
    /// traded beyond the queue ahead fills them at the venue's next match (the end of the batch).
    /// </summary>
    public void ApplyOrderEvent(int symbolId, BookSide side, double price, long priority, double change, bool execution)
    {
        priority += _l3Base;
        if (priority >= _l3Next) _l3Next = priority + 1;
        ref SymbolBook book = ref _books[symbolId];
        book.OrderByOrder = true;
        if (!_fifo || !(change < 0) || _working.Count(symbolId) == 0) return;
        Span<WorkingOrder> working = _working.Of(symbolId);
        bool buy = side == BookSide.Bid;
        for (int i = 0; i < working.Length; i++)
        {
            ref WorkingOrder o = ref working[i];
            if (o.Done || !o.IsLimit || o.IsBuy != buy || o.LimitPrice != price) continue;
            if (priority < o.ArrivalSequence)
            {
                o.Queue.Ahead = Math.Max(0, o.Queue.Ahead + change); // ahead of it: a cancel, a reduction or an execution
            }
            else if (execution)
            {
                // Behind it: in FIFO the aggressor met the queue ahead first, then this order, then the order it executed.
                double beyond = -change - o.Queue.Ahead;
                o.Queue.Ahead = Math.Max(0, o.Queue.Ahead + change);
                if (beyond > 0)
                {
                    o.QueueFill += beyond;
                    book.QueueFillDue = true;
                }
            }
        }
    }
}
