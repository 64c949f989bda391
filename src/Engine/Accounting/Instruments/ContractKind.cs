namespace Backtester;

/// <summary>How an instrument's quantity and price turn into money.</summary>
public enum ContractKind : byte
{
    /// <summary>Spot, or a linear (quote-margined) contract: value = quantity × multiplier × price, in the quote currency.</summary>
    Linear = 0,

    /// <summary>
    /// An inverse (coin-margined) contract: value = contracts × multiplier / price, in the base currency; PnL =
    /// contracts × multiplier × (1/entry − 1/exit). It settles in its own balance of the base coin, converted
    /// into the reporting currency beside linear contracts (docs/execution.md, "Several settlement currencies").
    /// </summary>
    Inverse = 1,
}
