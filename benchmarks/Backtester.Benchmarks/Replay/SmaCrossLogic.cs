using System;
using System.Runtime.CompilerServices;

namespace Backtester.Benchmarks.Replay;

/// <summary>The benchmark strategy's state and decision, shared by every dispatch variant so they do the same work.</summary>
public sealed class SmaCrossLogic
{
    private double[] _ring = [];
    private double[] _fastSum = [];
    private double[] _slowSum = [];
    private int[] _count = [];
    private double[] _ordered = []; // position once every order sent has filled: orders in flight count too
    private long _events;

    public void Reset(int symbols)
    {
        _ring = new double[symbols * ReplayWorkload.SlowWindow];
        _fastSum = new double[symbols];
        _slowSum = new double[symbols];
        _count = new int[symbols];
        _ordered = new double[symbols];
        _events = 0;
    }

    public void OnTrade(in Trade trade, Orders orders)
    {
        double target = Update(trade.SymbolId, trade.Price);
        if (double.IsNaN(target)) return;
        double delta = OrderFor(trade.SymbolId, target);
        if (delta != 0) orders.Market(delta > 0 ? Side.Buy : Side.Sell, Math.Abs(delta));
    }

    /// <summary>
    /// The signed quantity to order to reach <paramref name="target"/>, counting orders still in flight (with 2 ms latency
    /// several decisions pass before a fill; sizing against the filled position alone would compound them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double OrderFor(int symbol, double target)
    {
        double delta = target - _ordered[symbol];
        _ordered[symbol] = target;
        return delta;
    }

    /// <summary>Adds a price; returns the target position on decision events, NaN otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(int symbol, double price)
    {
        const int slow = ReplayWorkload.SlowWindow, fast = ReplayWorkload.FastWindow;
        int n = _count[symbol]++;
        int baseIndex = symbol * slow;
        _slowSum[symbol] += price;
        _fastSum[symbol] += price;
        if (n >= slow) _slowSum[symbol] -= _ring[baseIndex + n % slow];
        if (n >= fast) _fastSum[symbol] -= _ring[baseIndex + (n - fast) % slow];
        _ring[baseIndex + n % slow] = price;
        if ((++_events % ReplayWorkload.DecideEvery) != 0 || n + 1 < slow) return double.NaN;
        return _fastSum[symbol] / fast > _slowSum[symbol] / slow ? 1 : -1;
    }
}
