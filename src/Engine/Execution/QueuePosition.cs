namespace Backtester;

/// <summary>Whether, and when, a trade printing exactly at a resting limit order's price fills it.</summary>
public enum QueuePosition : byte
{
    /// <summary>Never: a resting limit fills only when a trade prints through its price or the opposite quote crosses it.</summary>
    None = 0,

    /// <summary>
    /// After the queue ahead: on arrival the order queues behind the size displayed at its price (the bid for a buy at
    /// the bid; nothing when it improves the touch; an unknown, endless queue when it is behind the touch or the symbol
    /// has no quotes; on L2 book data, the size at its level, whose every update it then follows). Trades at its price first consume that queue; only what trades beyond it fills the order. A
    /// smaller size displayed at its price caps the queue; cancellations ahead never advance it otherwise (hftbacktest's
    /// <c>RiskAdverseQueueModel</c>).
    /// </summary>
    Conservative = 1,

    /// <summary>At once: any trade at its price fills it, as if it were first in the queue.</summary>
    Optimistic = 2,

    /// <summary>
    /// As <see cref="Conservative"/>, and a decrease of the size displayed at its price (at the touch) that trades do not
    /// explain is split: the share f(ahead) / (f(ahead) + f(behind)), f(x) = x^n with n =
    /// <see cref="BacktestOptions.QueuePowerExponent"/>, happened ahead of the order (hftbacktest's
    /// <c>ProbQueueModel</c> with <c>PowerProbQueueFunc</c>).
    /// </summary>
    ProbabilisticPower = 3,

    /// <summary>As <see cref="ProbabilisticPower"/> with f(x) = ln(1 + x) (hftbacktest's <c>LogProbQueueFunc</c>).</summary>
    ProbabilisticLog = 4,

    /// <summary>
    /// Exact FIFO on market-by-order (L3) data (<see cref="Data.MarketByOrderColumns"/>): ahead of the order are exactly
    /// the exchange orders at its price that were there when it arrived; their cancels, reductions and executions
    /// advance it, orders added later never count, and an execution of an order behind it (the front of the level traded
    /// past it) fills it (hftbacktest's <c>L3FIFOQueueModel</c>, with partial fills). Trades at its price do not move it
    /// (the feed's executions are those trades). On a symbol without L3 data it is <see cref="Conservative"/>.
    /// </summary>
    Fifo = 5,
}
