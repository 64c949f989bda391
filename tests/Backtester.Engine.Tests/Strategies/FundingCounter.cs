namespace Backtester.Engine.Tests.Strategies;

/// <summary>Goes long <see cref="Size"/> on the first trade and records the funding settlements it hears of.</summary>
[Strategy]
public partial class FundingCounter
{
    [Param(1, 2)] public double Size { get; init; } = 1;

    public int Settlements { get; private set; }

    public double PositionAtLastFunding { get; private set; }

    /// <summary>The sum of the settlements' <see cref="Funding.Amount"/>s heard.</summary>
    public double AmountsHeard { get; private set; }

    private bool _entered;

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (_entered) return;
        _entered = true;
        orders.Market(Side.Buy, Size);
    }

    [OnFunding]
    private void OnFunding(in Funding funding, Orders orders)
    {
        Settlements++;
        PositionAtLastFunding = orders.Position;
        AmountsHeard += funding.Amount;
    }
}
