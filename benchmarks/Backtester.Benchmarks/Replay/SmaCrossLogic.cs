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
    private long _events;

    public void Reset(int symbols)
    {
        _ring = new double[symbols * ReplayWorkload.SlowWindow];
        _fastSum = new double[symbols];
        _slowSum = new double[symbols];
        _count = new int[symbols];
        _events = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnTrade(in Trade trade, Orders orders)
    {
        double target = Update(trade.SymbolId, trade.Price);
        if (double.IsNaN(target)) return;
        double delta = target - orders.Position;
        if (delta != 0) orders.Market(delta > 0 ? Side.Buy : Side.Sell, Math.Abs(delta));
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
