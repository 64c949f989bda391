using System;
using System.Collections.Generic;
using System.Reflection;

namespace Backtester;

/// <summary>
/// Checks a strategy against its data before a run, for mistakes that do not fail but make the run meaningless. Today
/// one: the strategy has market-event handlers (<see cref="OnTradeAttribute"/>, <see cref="OnQuoteAttribute"/>,
/// <see cref="OnBarAttribute"/>) and the data has none of those events, e.g. an <c>[OnTrade]</c> strategy on bars, so
/// it would see nothing and trade nothing. A strategy with no market handler (one that trades only at the start) is left alone.
/// </summary>
public static class StrategyWarnings
{
    /// <summary>The result-file metadata key under which a run's warnings are written, one per line.</summary>
    public const string MetadataKey = Results.ResultMetadata.Keys.Warnings;

    /// <summary>The warnings for running <paramref name="strategyType"/> over <paramref name="data"/>; empty when there are none.</summary>
    public static IReadOnlyList<string> For(Type strategyType, MarketData data)
    {
        ArgumentNullException.ThrowIfNull(strategyType);
        ArgumentNullException.ThrowIfNull(data);
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
