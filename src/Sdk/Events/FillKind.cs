namespace Backtester;

/// <summary>What produced a <see cref="Fill"/>.</summary>
public enum FillKind : byte
{
    /// <summary>One of the strategy's orders traded at the venue.</summary>
    Trade = 0,

    /// <summary>
    /// The venue closed a position because the margin account's equity fell below its maintenance margin
    /// (see docs/execution.md, "Accounts"). The order id is one the engine issued for the liquidation.
    /// </summary>
    Liquidation = 1,
}
