namespace Backtester.Benchmarks.Replay;

/// <summary>
/// A ladder of resting orders (issue 19's shape): on its first trade it places <see cref="Orders"/> limit buys far
/// below the market, then on every trade it reads its open quantity and, every 16 trades, amends its oldest order and
/// cancels and replaces one in the middle of the ladder. None of the ladder fills, so every event meets every order.
/// </summary>
[Strategy]
public partial class RestingLadder
{
    /// <summary>Number of resting orders.</summary>
    public int Orders { get; init; } = 5_000;

    private long[] _ids = [];
    private long _events;

    /// <summary>The open quantity seen on the last trade (the sum of the ladder).</summary>
    public double LastOpenQuantity { get; private set; }

    [OnStart]
    private void Start()
    {
        _ids = new long[Orders];
        _events = 0;
    }

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        if (_events++ == 0)
        {
            for (int i = 0; i < _ids.Length; i++) _ids[i] = orders.Limit(Side.Buy, 1, trade.Price * 0.5 * (1 - (i * 1e-6)));
            return;
        }
        LastOpenQuantity = orders.OpenQuantity;
        if (_events % 16 != 0) return;
        orders.Amend(_ids[0], price: trade.Price * 0.5);
        int middle = _ids.Length / 2;
        orders.Cancel(_ids[middle]);
        _ids[middle] = orders.Limit(Side.Buy, 1, trade.Price * 0.4);
    }
}
