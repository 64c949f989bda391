using System.Collections.Generic;

namespace Backtester.Engine.Tests;

/// <summary>What a <see cref="ScriptedDriver"/> does: orders to place on given trade indices, and what it saw.</summary>
public sealed class Script
{
    public readonly Dictionary<int, List<(int Symbol, Side Side, double Quantity)>> OrdersAtTrade = new();
    public readonly List<(int Symbol, Side Side, double Quantity)> OrdersAtStart = new();
    public readonly List<(int Symbol, Side Side, double Quantity)> OrdersAtFinish = new();
    public readonly List<Fill> Fills = new();
    public readonly List<(long OrderId, long DecisionTime, int TradeIndex)> Placed = new();
    public readonly List<double> PositionSeenAtTrade = new();
    public int Trades;
    public bool Started, Finished;

    public Script At(int tradeIndex, Side side, double quantity, int symbol = 0)
    {
        if (!OrdersAtTrade.TryGetValue(tradeIndex, out var list)) OrdersAtTrade[tradeIndex] = list = new();
        list.Add((symbol, side, quantity));
        return this;
    }
}

/// <summary>A hand-written driver that places the orders of a <see cref="Script"/> and records what it sees.</summary>
public struct ScriptedDriver : IStrategyDriver
{
    private readonly Script _script;

    public ScriptedDriver(Script script) => _script = script;

    public void OnStart(Orders orders)
    {
        _script.Started = true;
        foreach (var (symbol, side, quantity) in _script.OrdersAtStart)
            _script.Placed.Add((orders.Market(symbol, side, quantity), orders.Time, -1));
    }

    public void OnTrade(in Trade trade, Orders orders)
    {
        int index = _script.Trades++;
        _script.PositionSeenAtTrade.Add(orders.Position);
        if (_script.OrdersAtTrade.TryGetValue(index, out var list))
            foreach (var (symbol, side, quantity) in list)
                _script.Placed.Add((orders.Market(symbol, side, quantity), orders.Time, index));
    }

    public void OnQuote(in Quote quote, Orders orders) { }

    public void OnBar(in Bar bar, Orders orders) { }

    public void OnFill(in Fill fill, Orders orders) => _script.Fills.Add(fill);

    public void OnFinish(Orders orders)
    {
        _script.Finished = true;
        foreach (var (symbol, side, quantity) in _script.OrdersAtFinish)
            orders.Market(symbol, side, quantity);
    }
}
