using System;
using System.Collections.Generic;
using Backtester.Infrastructure;

namespace Backtester.Engine.Tests;

/// <summary>
/// What a <see cref="ScriptedDriver"/> does: requests to send on given event indices (counting quotes, trades and bars
/// together, in replay order), and what it saw: fills, order updates, positions.
/// </summary>
public sealed class Script
{
    public readonly Dictionary<int, List<Func<Orders, long>>> ActionsAtEvent = new();
    public readonly List<(int Symbol, Side Side, double Quantity)> OrdersAtStart = new();
    public readonly List<(int Symbol, Side Side, double Quantity)> OrdersAtFinish = new();
    public readonly List<Fill> Fills = new();
    public readonly List<Funding> FundingSeen = new();
    public readonly List<TimerTick> TimersSeen = new();
    public readonly List<(long Interval, long Offset)> TimersAtStart = new();

    /// <summary>Called at every funding settlement, after it was booked.</summary>
    public Action<Funding, Orders>? AtFunding;
    public Action<MarkPriceUpdate, Orders>? AtMark;

    /// <summary>Called at every timer firing.</summary>
    public Action<TimerTick, Orders>? AtTimer;
    public readonly List<OrderUpdate> Updates = new();
    public readonly List<(long OrderId, long DecisionTime, int EventIndex)> Placed = new();
    public readonly List<double> PositionSeenAtTrade = new();
    public readonly List<long> EventTimes = new();
    public readonly List<string> Seen = new();
    public int Events;
    public bool Started, Finished;

    /// <summary>Called after every fill, with the order handle (for tests that react to fills or check invariants).</summary>
    public Action<Fill, Orders>? AfterFill;

    /// <summary>Called at every market event before the scripted actions.</summary>
    public Action<Orders>? AtEachEvent;

    /// <summary>Sends a market order on event <paramref name="eventIndex"/>.</summary>
    public Script At(int eventIndex, Side side, double quantity, int symbol = 0) =>
        Do(eventIndex, o => o.Market(symbol, side, quantity));

    /// <summary>Runs <paramref name="send"/> on event <paramref name="eventIndex"/>; a non-zero return is recorded as a placed order id.</summary>
    public Script Do(int eventIndex, Func<Orders, long> send)
    {
        if (!ActionsAtEvent.TryGetValue(eventIndex, out var list)) ActionsAtEvent[eventIndex] = list = new();
        list.Add(send);
        return this;
    }

    /// <summary>Runs <paramref name="send"/> (a cancel or amend) on event <paramref name="eventIndex"/>.</summary>
    public Script Do(int eventIndex, Action<Orders> send) => Do(eventIndex, o => { send(o); return 0L; });

    public IEnumerable<OrderUpdate> UpdatesOf(long orderId) => Updates.FindAll(u => u.OrderId == orderId);
}

/// <summary>A hand-written driver that sends the requests of a <see cref="Script"/> and records what it sees.</summary>
public struct ScriptedDriver : IStrategyDriver
{
    private readonly Script _script;

    public ScriptedDriver(Script script) => _script = script;

    public void OnStart(Orders orders)
    {
        _script.Started = true;
        foreach (var (interval, offset) in _script.TimersAtStart) orders.Every(interval, offset);
        foreach (var (symbol, side, quantity) in _script.OrdersAtStart)
            _script.Placed.Add((orders.Market(symbol, side, quantity), orders.Time, -1));
    }

    public void OnTrade(in Trade trade, Orders orders)
    {
        _script.PositionSeenAtTrade.Add(orders.Position);
        _script.Seen.Add($"T{trade.SymbolId}@{trade.Timestamp}");
        OnEvent(orders);
    }

    public void OnQuote(in Quote quote, Orders orders)
    {
        _script.Seen.Add($"Q{quote.SymbolId}@{quote.Timestamp}");
        OnEvent(orders);
    }

    public void OnBar(in Bar bar, Orders orders)
    {
        _script.Seen.Add($"B{bar.SymbolId}@{bar.Timestamp}");
        OnEvent(orders);
    }

    public void OnBook(in BookUpdate update, Orders orders)
    {
        _script.Seen.Add($"L{update.SymbolId}@{update.Timestamp}");
        OnEvent(orders);
    }

    private void OnEvent(Orders orders)
    {
        int index = _script.Events++;
        _script.EventTimes.Add(orders.Time);
        _script.AtEachEvent?.Invoke(orders);
        if (_script.ActionsAtEvent.TryGetValue(index, out var list))
            foreach (var send in list)
            {
                long id = send(orders);
                if (id != 0) _script.Placed.Add((id, orders.Time, index));
            }
    }

    public void OnFunding(in Funding funding, Orders orders)
    {
        _script.FundingSeen.Add(funding);
        _script.AtFunding?.Invoke(funding, orders);
        _script.Seen.Add($"F{funding.SymbolId}@{funding.Timestamp}");
    }

    /// <summary>A mark-price update: seen as <c>M{symbol}@{time}</c>, not counted among the script's events (its actions index market events).</summary>
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders)
    {
        _script.Seen.Add($"M{mark.SymbolId}@{mark.Timestamp}");
        _script.AtMark?.Invoke(mark, orders);
    }

    public void OnTimer(in TimerTick timer, Orders orders)
    {
        _script.TimersSeen.Add(timer);
        _script.Seen.Add($"timer{timer.TimerId}@{timer.Timestamp}");
        _script.AtTimer?.Invoke(timer, orders);
    }

    public void OnFill(in Fill fill, Orders orders)
    {
        _script.Fills.Add(fill);
        _script.AfterFill?.Invoke(fill, orders);
    }

    public void OnOrder(in OrderUpdate update, Orders orders) => _script.Updates.Add(update);

    public void OnFinish(Orders orders)
    {
        _script.Finished = true;
        foreach (var (symbol, side, quantity) in _script.OrdersAtFinish)
            orders.Market(symbol, side, quantity);
    }
}
