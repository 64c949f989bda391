namespace Backtester.Generators.Models;

/// <summary>The engine events a strategy can handle, in the order the driver declares them.</summary>
internal enum HandlerEvent
{
    Start,
    Trade,
    Quote,
    Bar,
    Book,
    Funding,
    MarkPrice,
    Timer,
    Fill,
    Order,
    Finish,
}

/// <summary>A strategy method the driver calls for one event.</summary>
/// <param name="Event">The event it handles.</param>
/// <param name="MethodName">The method name as an identifier.</param>
/// <param name="PassesEventByIn">True when the event parameter is 'in' (or 'ref readonly'), false when by value.</param>
/// <param name="TakesOrders">True when the method takes an Orders argument.</param>
internal sealed record HandlerSpec(HandlerEvent Event, string MethodName, bool PassesEventByIn, bool TakesOrders);
