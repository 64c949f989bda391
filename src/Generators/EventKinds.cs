using System;
using Backtester.Generators.Models;

namespace Backtester.Generators;

/// <summary>
/// The one table of engine events: handler attribute -> event type -> driver method, in the order the driver
/// declares them. Every name is written out (never derived from <see cref="HandlerEvent"/> member names), and a test
/// checks that the table covers every member and matches the Sdk's attributes, event types and <c>IStrategyDriver</c>.
/// </summary>
internal static class EventKinds
{
    public static readonly EventKind[] All =
    {
        new(HandlerEvent.Start, KnownTypeNames.OnStartAttribute, "OnStart", null, "OnStart", ""),
        new(HandlerEvent.Trade, KnownTypeNames.OnTradeAttribute, "OnTrade", KnownTypeNames.Trade, "OnTrade", "trade"),
        new(HandlerEvent.Quote, KnownTypeNames.OnQuoteAttribute, "OnQuote", KnownTypeNames.Quote, "OnQuote", "quote"),
        new(HandlerEvent.Bar, KnownTypeNames.OnBarAttribute, "OnBar", KnownTypeNames.Bar, "OnBar", "bar"),
        new(HandlerEvent.Book, KnownTypeNames.OnBookAttribute, "OnBook", KnownTypeNames.BookUpdate, "OnBook", "update"),
        new(HandlerEvent.Funding, KnownTypeNames.OnFundingAttribute, "OnFunding", KnownTypeNames.Funding, "OnFunding", "funding"),
        new(HandlerEvent.MarkPrice, KnownTypeNames.OnMarkPriceAttribute, "OnMarkPrice", KnownTypeNames.MarkPriceUpdate, "OnMarkPrice", "mark"),
        new(HandlerEvent.Timer, KnownTypeNames.OnTimerAttribute, "OnTimer", KnownTypeNames.TimerTick, "OnTimer", "timer"),
        new(HandlerEvent.Fill, KnownTypeNames.OnFillAttribute, "OnFill", KnownTypeNames.Fill, "OnFill", "fill"),
        new(HandlerEvent.Order, KnownTypeNames.OnOrderAttribute, "OnOrder", KnownTypeNames.OrderUpdate, "OnOrder", "update"),
        new(HandlerEvent.Finish, KnownTypeNames.OnFinishAttribute, "OnFinish", null, "OnFinish", ""),
    };

    public static EventKind Of(HandlerEvent handlerEvent)
    {
        foreach (EventKind kind in All)
            if (kind.Event == handlerEvent) return kind;
        throw new ArgumentOutOfRangeException(nameof(handlerEvent), handlerEvent, "No event kind is listed for this event.");
    }
}
