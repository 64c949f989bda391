namespace Backtester;

/// <summary>How an instrument's quantity and price turn into money.</summary>
public enum ContractKind : byte
{
    /// <summary>Spot, or a linear (quote-margined) contract: value = quantity × multiplier × price, in the quote currency.</summary>
    Linear = 0,

    /// <summary>
    /// An inverse (coin-margined) contract: value = contracts × multiplier / price, in the base currency. Loaded and
    /// described, but a run refuses it: the accounts settle in one currency only (docs/execution.md, "Instruments").
    /// </summary>
    Inverse = 1,
}
