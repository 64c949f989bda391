using System.Collections.Generic;

namespace Backtester.Engine.Tests.Strategies;

/// <summary>
/// Acts at random, its choices drawn from <see cref="Seed"/>: on about one event in <see cref="Rarity"/> (trades, quotes,
/// bars, its two timers) it sends a market, limit, stop or stop-limit order of any time in force on any symbol (a stop on
/// any trigger of its own, or on the run's), a trailing stop, a bracket, or exits linked one-cancels-other, or
/// cancels or amends one of its working orders, and it reads its position and open quantity. For the lockstep property
/// test: whatever a strategy does, a sweep's row must be its independent run.
/// </summary>
[Strategy]
public partial class RandomActor
{
    [Param(1, 8)] public int Seed { get; init; } = 1;

    public int Rarity { get; init; } = 12;

    private ulong _state;
    private double[] _last = [];
    private readonly List<long> _working = new();

    [OnStart]
    private void Start(Orders orders)
    {
        _state = 0x9E3779B97F4A7C15UL * (ulong)(Seed + 1);
        _last = new double[orders.SymbolCount];
        // Every 7 minutes on the clock, where the built-in market's quotes and bars are stamped (so the next event is a
        // quote), and every 61 s at 17.3 s past: between random events of every kind, so a timer is due before trades,
        // quotes and bars alike.
        orders.Every(420_000_000_000);
        orders.Every(61_000_000_000, 17_300_000_000);
    }

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders) => Act(trade.SymbolId, trade.Price, orders);

    [OnQuote]
    private void OnQuote(in Quote quote, Orders orders) => Act(quote.SymbolId, quote.Mid, orders);

    [OnBar]
    private void OnBar(in Bar bar, Orders orders) => Act(bar.SymbolId, bar.Close, orders);

    [OnTimer]
    private void OnTimer(in TimerTick timer, Orders orders) => Act((int)(Next() % (ulong)_last.Length), double.NaN, orders);

    [OnOrder]
    private void OnOrder(in OrderUpdate update, Orders orders)
    {
        if (update.Status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected
            || (update.Status is OrderStatus.CancelRejected or OrderStatus.AmendRejected && update.RejectReason == RejectReason.OrderClosed))
            _working.Remove(update.OrderId);
    }

    private void Act(int symbol, double price, Orders orders)
    {
        if (price > 0) _last[symbol] = price;
        if (Next() % (ulong)Rarity != 0) return;
        double last = _last[symbol];
        if (!(last > 0)) return;
        Side side = (Next() & 1) == 0 ? Side.Buy : Side.Sell;
        // A few hundredths of a trade's size in the built-in market, against what is held and on its way.
        double quantity = 0.001 * (1 + Next() % 3) + 1e-6 * System.Math.Abs(orders.PositionOf(symbol) + orders.OpenQuantityOf(symbol));
        double away = last * (1 + (side == Side.Buy ? -1 : 1) * 0.0005 * (1 + Next() % 8)); // 5 to 40 bps from the last price
        double through = last * (1 + (side == Side.Buy ? 1 : -1) * 0.0005 * (1 + Next() % 8));
        var tif = (TimeInForce)(Next() % 4);
        switch (Next() % 11)
        {
            case 0: Track(orders.Market(symbol, side, quantity)); break;
            case 1: case 2: Track(orders.Limit(symbol, side, quantity, away, tif)); break;
            case 3:
                Track(DrawTrigger() is { } onStop ? orders.Stop(symbol, side, quantity, through, onStop) : orders.Stop(symbol, side, quantity, through));
                break;
            case 4:
                double limit = through * (side == Side.Buy ? 1.001 : 0.999);
                Track(DrawTrigger() is { } onStopLimit ? orders.StopLimit(symbol, side, quantity, through, limit, onStopLimit) : orders.StopLimit(symbol, side, quantity, through, limit));
                break;
            case 5: if (_working.Count > 0) orders.Cancel(_working[(int)(Next() % (ulong)_working.Count)]); break;
            case 6: if (_working.Count > 0) orders.Amend(_working[(int)(Next() % (ulong)_working.Count)], (Next() & 1) == 0 ? away : null, quantity); break;
            case 7:
                // A trailing stop 5 to 40 bps (as a price or as a fraction), on its own trigger or the run's, half the time from an activation price.
                TrailingOffset offset = (Next() & 1) == 0 ? TrailingOffset.Price(last * 0.0005 * (1 + Next() % 8)) : TrailingOffset.BasisPoints(5 * (1 + Next() % 8));
                double? activation = (Next() & 1) == 0 ? away : null;
                if ((Next() & 1) == 0)
                {
                    // Half of them trailing stop-limits, of any time in force, the limit up to 10 bps beyond the stop, at it, or
                    // before it (resting when triggered).
                    double limitOffset = last * 0.0005 * ((int)(Next() % 5) - 2);
                    Track(DrawTrigger() is { } onLimit
                        ? orders.TrailingStopLimit(symbol, side, quantity, offset, limitOffset, onLimit, activation, tif)
                        : orders.TrailingStopLimit(symbol, side, quantity, offset, limitOffset, activation, tif));
                    break;
                }
                Track(DrawTrigger() is { } onTrailing ? orders.TrailingStop(symbol, side, quantity, offset, onTrailing, activation) : orders.TrailingStop(symbol, side, quantity, offset, activation));
                break;
            case 9:
                // A bracket: a market or limit entry with its take-profit and stop-loss 5 to 40 bps away (maybe refused whole).
                double reach = 0.0005 * (1 + Next() % 8), sign = side == Side.Buy ? 1 : -1;
                BracketOrderIds bracket = orders.Bracket(symbol, side, quantity, (Next() & 1) == 0 ? null : away, last * (1 + sign * reach), last * (1 - sign * reach), tif);
                Track(bracket.Entry);
                Track(bracket.TakeProfit);
                Track(bracket.StopLoss);
                break;
            case 10:
                // Two exits of any kind linked one-cancels-other, reduce-only half the time; a third leg now and then.
                bool reduceOnly = (Next() & 1) == 0;
                long first = orders.Limit(symbol, side, quantity, away, TimeInForce.Gtc, reduceOnly);
                long second = (Next() % 3) switch
                {
                    0 => orders.Stop(symbol, side, quantity, through, TimeInForce.Gtc, reduceOnly),
                    1 => orders.StopLimit(symbol, side, quantity, through, through * (side == Side.Buy ? 1.001 : 0.999), TimeInForce.Gtc, reduceOnly),
                    _ => orders.TrailingStop(symbol, side, quantity, TrailingOffset.BasisPoints(5 * (1 + Next() % 8)), null, TimeInForce.Gtc, reduceOnly),
                };
                orders.OneCancelsOther(first, second);
                Track(first);
                Track(second);
                if ((Next() & 3) == 0)
                {
                    long third = orders.Market(symbol, side, quantity, TimeInForce.Gtc, reduceOnly);
                    orders.OneCancelsOther(second, third);
                    Track(third);
                }
                break;
            default: orders.TargetPosition(symbol, 0); break;
        }
    }

    /// <summary>A stop's own trigger, one of the three, or null (a quarter of the time) for the run's.</summary>
    private StopTrigger? DrawTrigger() => (Next() % 4) switch { 0 => null, ulong t => (StopTrigger)(t - 1) };

    private void Track(long id)
    {
        if (id > 0) _working.Add(id);
    }

    private ulong Next()
    {
        // SplitMix64
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
