using Backtester.Indicators;

namespace Backtester.Cli.Tests.Strategies;

/// <summary>
/// The quickstart sample <c>SmaCross</c> as it was written before its decision cadence became a countdown: a count of
/// each symbol's trades taken modulo <see cref="Every"/>. <see cref="SmaCrossSampleTests"/> requires both to decide on
/// the same trades.
/// </summary>
[Strategy(Name = "CliModuloSmaCross")]
public partial class ModuloSmaCross
{
    public int Fast { get; init; } = 100;
    public int Slow { get; init; } = 1000;
    public double Size { get; init; } = 1;
    public double Notional { get; init; } = 10_000;
    public int Every { get; init; } = 256;

    private Sma[] _fast = [];
    private Sma[] _slow = [];
    private long[] _seen = [];
    private int[] _direction = [];

    [OnStart]
    private void Start(Orders orders)
    {
        int symbols = orders.SymbolCount;
        _fast = new Sma[symbols];
        _slow = new Sma[symbols];
        _seen = new long[symbols];
        _direction = new int[symbols];
        for (int s = 0; s < symbols; s++) { _fast[s] = new Sma(Fast); _slow[s] = new Sma(Slow); }
    }

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders)
    {
        int s = trade.SymbolId;
        _fast[s].Update(trade.Price);
        _slow[s].Update(trade.Price);
        if (++_seen[s] % Every != 0 || !_slow[s].IsReady) return;
        int direction = _fast[s].Value > _slow[s].Value ? 1 : -1;
        if (direction == _direction[s]) return;
        _direction[s] = direction;
        orders.TargetPosition(direction * Size * Notional / trade.Price);
    }
}
