using Backtester.Infrastructure;
namespace Backtester.Benchmarks.Replay;

/// <summary>How an object-oriented engine sees a strategy: an interface, called virtually per event.</summary>
public interface IOopStrategy
{
    void OnStart(Orders orders);
    void OnTrade(in Trade trade, Orders orders);
    void OnQuote(in Quote quote, Orders orders);
    void OnBar(in Bar bar, Orders orders);
    void OnBook(in BookUpdate update, Orders orders);
    void OnFill(in Fill fill, Orders orders);
    void OnOrder(in OrderUpdate update, Orders orders);
    void OnFinish(Orders orders);
}

/// <summary>The benchmark strategy as a class behind <see cref="IOopStrategy"/>.</summary>
public class OopSmaCross : IOopStrategy
{
    private readonly SmaCrossLogic _logic = new();

    public virtual void OnStart(Orders orders) => _logic.Reset(orders.SymbolCount);
    public virtual void OnTrade(in Trade trade, Orders orders) => _logic.OnTrade(in trade, orders);
    public virtual void OnQuote(in Quote quote, Orders orders) { }
    public virtual void OnBar(in Bar bar, Orders orders) { }
    public virtual void OnBook(in BookUpdate update, Orders orders) { }
    public virtual void OnFill(in Fill fill, Orders orders) { }
    public virtual void OnOrder(in OrderUpdate update, Orders orders) { }
    public virtual void OnFinish(Orders orders) { }
}

/// <summary>A driver that forwards every event through the interface, as an OOP engine's loop would.</summary>
public readonly struct InterfaceDriver(IOopStrategy strategy) : IStrategyDriver
{
    public void OnStart(Orders orders) => strategy.OnStart(orders);
    public void OnTrade(in Trade trade, Orders orders) => strategy.OnTrade(in trade, orders);
    public void OnQuote(in Quote quote, Orders orders) => strategy.OnQuote(in quote, orders);
    public void OnBar(in Bar bar, Orders orders) => strategy.OnBar(in bar, orders);
    public void OnBook(in BookUpdate update, Orders orders) => strategy.OnBook(in update, orders);
    public void OnFunding(in Funding funding, Orders orders) { }
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
    public void OnTimer(in TimerTick timer, Orders orders) { }
    public void OnFill(in Fill fill, Orders orders) => strategy.OnFill(in fill, orders);
    public void OnOrder(in OrderUpdate update, Orders orders) => strategy.OnOrder(in update, orders);
    public void OnFinish(Orders orders) => strategy.OnFinish(orders);
}
