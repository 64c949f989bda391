namespace Backtester;

/// <summary>How an instrument's quantity and price turn into money.</summary>
public enum ContractKind : byte
{
    /// <summary>Spot, or a linear (quote-margined) contract: value = quantity × multiplier × price, in the quote currency.</summary>
    Linear = 0,

    /// <summary>
    /// An inverse (coin-margined) contract: value = contracts × multiplier / price, in the base currency; PnL =
    /// contracts × multiplier × (1/entry − 1/exit). A run with one holds only inverse contracts of one settlement coin
    /// (docs/execution.md, "Instruments").
    /// </summary>
    Inverse = 1,
}
