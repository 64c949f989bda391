using System;
using System.Collections.Generic;
using System.Reflection;

namespace Backtester;

/// <summary>
/// Checks a strategy against its data before a run, for mistakes that do not fail but make the run meaningless: the strategy has market-event handlers (<see cref="OnTradeAttribute"/>, <see cref="OnQuoteAttribute"/>,
/// <see cref="OnBarAttribute"/>) and the data has none of those events, e.g. an <c>[OnTrade]</c> strategy on bars, so
/// it would see nothing and trade nothing. A strategy with no market handler (one that trades only at the start) is left
/// alone. And stops that the data can never trigger under <see cref="BacktestOptions.StopTrigger"/>.
/// </summary>
/// <remarks>
/// The checks run before the run, on the strategy's type and the data: a stop given a trigger of its own
/// (<see cref="Orders.Stop(Side, double, double, StopTrigger, TimeInForce, bool)"/>) is chosen in the strategy's code as it
/// runs, so one on prices the data lacks is not warned of: on the mark price of a symbol without marks the venue rejects
/// it (<see cref="RejectReason.Unsupported"/>), as it does a stop on the run's mark-price trigger there; on the touch
/// without quotes or on the last price without trades it stays working, since a later segment may bring those prices
/// (docs/execution.md, "Stops").
/// </remarks>
public static class StrategyWarnings
{
    /// <summary>The result-file metadata key under which a run's warnings are written, one per line.</summary>
    public const string MetadataKey = Results.ResultMetadata.Keys.Warnings;

    /// <summary>The warnings for running <paramref name="strategyType"/> over <paramref name="data"/> with the default options; empty when there are none.</summary>
    public static IReadOnlyList<string> For(Type strategyType, MarketData data) => For(strategyType, data, null);

    /// <summary>
    /// The warnings for running <paramref name="strategyType"/> over <paramref name="data"/> with <paramref name="options"/>
    /// (null: the defaults); empty when there are none. Besides the handlers, the stop trigger: data with neither trades
    /// nor bars under <see cref="StopTrigger.LastPrice"/>, with neither quotes nor a book under
    /// <see cref="StopTrigger.BidAsk"/>, or without mark prices under <see cref="StopTrigger.MarkPrice"/>, would never
    /// trigger a stop order.
    /// </summary>
    public static IReadOnlyList<string> For(Type strategyType, MarketData data, BacktestOptions? options)
    {
        ArgumentNullException.ThrowIfNull(strategyType);
        ArgumentNullException.ThrowIfNull(data);
        var warnings = new List<string>(Handlers(strategyType, data));
        if (StopsNeverTrigger(strategyType, data, options?.StopTrigger ?? StopTrigger.LastPrice) is { } stops) warnings.Add(stops);
        return warnings;
    }

    private static string? StopsNeverTrigger(Type strategyType, MarketData data, StopTrigger trigger)
    {
        if (data.EventCount == 0) return null;
        if (trigger == StopTrigger.LastPrice && data.Trades.Count == 0 && data.Bars.Count == 0)
            return $"If {strategyType.Name} sends stop or stop-limit orders without a trigger of their own, none will trigger: the data '{data.Source}' has no trades or bars, the only prices StopTrigger.LastPrice (the default) triggers on. Set BacktestOptions.StopTrigger = StopTrigger.BidAsk (--stop-trigger bid-ask) to trigger them on the touch.";
        if (trigger == StopTrigger.BidAsk && data.Quotes.Count == 0 && data.Book.Count == 0)
            return $"If {strategyType.Name} sends stop or stop-limit orders without a trigger of their own, none will trigger: the data '{data.Source}' has no quotes or book updates, the only prices StopTrigger.BidAsk triggers on. Use StopTrigger.LastPrice (--stop-trigger last) to trigger them on trades and bars.";
        if (trigger == StopTrigger.MarkPrice && data.MarkPrices.Count == 0)
            return $"If {strategyType.Name} sends stop or stop-limit orders without a trigger of their own, each will be rejected (Unsupported): the data '{data.Source}' has no mark prices, the only prices StopTrigger.MarkPrice triggers on. Give a mark-price series (MarketData.WithMarkPrices, --mark-prices) or use StopTrigger.LastPrice (--stop-trigger last).";
        if (trigger == StopTrigger.MarkPrice && Uncovered(data) is { } uncovered)
            return $"If {strategyType.Name} sends stop or stop-limit orders without a trigger of their own on {uncovered}, each will be rejected (Unsupported): the data '{data.Source}' has no mark price for {(uncovered.Contains(',') ? "those symbols" : "that symbol")}, and StopTrigger.MarkPrice triggers only on mark prices. Give a mark-price series for every symbol (MarketData.WithMarkPrices, --mark-prices), use StopTrigger.LastPrice (--stop-trigger last), or give those stops a trigger of their own.";
        return null;
    }

    /// <summary>The data's symbols without a mark-price series, comma-separated (at most five named); null when every one has one.</summary>
    private static string? Uncovered(MarketData data)
    {
        var names = new List<string>();
        int count = 0;
        for (int s = 0; s < data.Symbols.Count; s++)
        {
            if (data.MarkPrices.Covers(s)) continue;
            if (++count <= 5) names.Add(data.Symbols[s]);
        }
        if (count == 0) return null;
        return count <= 5 ? string.Join(", ", names) : $"{string.Join(", ", names)} and {count - 5} more";
    }

    private static IReadOnlyList<string> Handlers(Type strategyType, MarketData data)
    {
        bool trades = false, quotes = false, bars = false;
        for (Type? type = strategyType; type is not null && type != typeof(object); type = type.BaseType)
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                trades |= method.IsDefined(typeof(OnTradeAttribute), false);
                quotes |= method.IsDefined(typeof(OnQuoteAttribute), false);
                bars |= method.IsDefined(typeof(OnBarAttribute), false);
            }
        if (!trades && !quotes && !bars) return [];
        if ((trades && data.Trades.Count > 0) || (quotes && data.Quotes.Count > 0) || (bars && data.Bars.Count > 0)) return [];

        var handled = new List<string>();
        if (trades) handled.Add("trades ([OnTrade])");
        if (quotes) handled.Add("quotes ([OnQuote])");
        if (bars) handled.Add("bars ([OnBar])");
        var present = new List<string>();
        if (data.Trades.Count > 0) present.Add("trades");
        if (data.Quotes.Count > 0) present.Add("quotes");
        if (data.Bars.Count > 0) present.Add("bars");
        string has = present.Count == 0 ? "no events" : "only " + string.Join(" and ", present);
        return [$"{strategyType.Name} handles {string.Join(" and ", handled)}, but the data '{data.Source}' has {has}: its handlers will see no event and it will not trade. Use data with those events, or add a handler for what the data has."];
    }
}
