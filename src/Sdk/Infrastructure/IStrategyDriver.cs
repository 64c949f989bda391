using System.ComponentModel;
namespace Backtester.Infrastructure;

/// <summary>
/// Implemented by the <c>Driver</c> struct the generator emits for each strategy. Engines take it as a generic
/// argument constrained to <c>struct</c>, so every call below is a direct, inlinable call in the code the JIT
/// specializes for that strategy: no virtual or interface dispatch, no delegates, no boxing.
/// Handlers a strategy does not declare are empty methods and cost nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IStrategyDriver
{
    /// <summary>Called once before the first event.</summary>
    void OnStart(Orders orders);

    /// <summary>Called for every trade.</summary>
    void OnTrade(in Trade trade, Orders orders);

    /// <summary>Called for every top-of-book quote.</summary>
    void OnQuote(in Quote quote, Orders orders);

    /// <summary>Called for every bar.</summary>
    void OnBar(in Bar bar, Orders orders);

    /// <summary>Called for every change of a price level of the L2 book, after the replay applied it to <see cref="BookUpdate.Book"/>.</summary>
    void OnBook(in BookUpdate update, Orders orders);
    /// <summary>Called at every funding settlement of a perpetual contract, after the payment has been booked.</summary>
    void OnFunding(in Funding funding, Orders orders);

    /// <summary>Called at every mark-price update of a contract, after the account has been marked at it when the run marks by mark price.</summary>
    void OnMarkPrice(in MarkPriceUpdate mark, Orders orders);

    /// <summary>Called at every firing of a timer the strategy scheduled with <see cref="Orders.Every"/>.</summary>
    void OnTimer(in TimerTick timer, Orders orders);

    /// <summary>Called for every fill of one of the strategy's orders.</summary>
    void OnFill(in Fill fill, Orders orders);

    /// <summary>
    /// Called for every change of one of the strategy's orders: accepted, (partially) filled, cancelled, rejected
    /// or amended. A fill calls <see cref="OnFill"/> first, then this with the order's new filled and remaining quantity.
    /// </summary>
    void OnOrder(in OrderUpdate update, Orders orders);

    /// <summary>Called once after the last event.</summary>
    void OnFinish(Orders orders);
}
