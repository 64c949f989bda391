namespace Backtester;

/// <summary>Maker and taker fees of one symbol, in basis points of the traded notional.</summary>
/// <param name="MakerBps">Fee on resting (maker) fills; negative for a rebate.</param>
/// <param name="TakerBps">Fee on liquidity-taking fills; not negative.</param>
public readonly record struct FeeSchedule(double MakerBps, double TakerBps);
