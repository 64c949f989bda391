namespace Backtester;

/// <summary>Whether, and when, a trade printing exactly at a resting limit order's price fills it.</summary>
public enum QueuePosition : byte
{
    /// <summary>Never: a resting limit fills only when a trade prints through its price or the opposite quote crosses it.</summary>
    None = 0,

    /// <summary>
    /// After the queue ahead: on arrival the order queues behind the size displayed at its price (the bid for a buy at
    /// the bid; nothing when it improves the touch; an unknown, endless queue when it is behind the touch or the symbol
    /// has no quotes). Trades at its price first consume that queue; only what trades beyond it fills the order.
    /// </summary>
    Conservative = 1,

    /// <summary>At once: any trade at its price fills it, as if it were first in the queue.</summary>
    Optimistic = 2,
}
