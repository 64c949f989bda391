using Backtester.Infrastructure;

namespace Backtester.Results;

/// <summary>
/// Wraps a strategy's driver to feed a <see cref="RunJournal"/>: every call goes on to the strategy, then the journal
/// takes the requests it sent, its fills and order updates, and each symbol's first and last price. A struct like the driver it wraps, so the replay
/// stays specialized and the calls direct.
/// </summary>
internal struct RecordingDriver<TDriver>(TDriver inner, RunJournal journal) : IStrategyDriver where TDriver : struct, IStrategyDriver
{
    private TDriver _inner = inner;

    public void OnStart(Orders orders)
    {
        _inner.OnStart(orders);
        journal.TakeRequests();
    }

    public void OnTrade(in Trade trade, Orders orders)
    {
        journal.See(trade.SymbolId, trade.Price);
        _inner.OnTrade(in trade, orders);
        journal.TakeRequests();
    }

    public void OnQuote(in Quote quote, Orders orders)
    {
        journal.See(quote.SymbolId, quote.Mid);
        _inner.OnQuote(in quote, orders);
        journal.TakeRequests();
    }

    public void OnBar(in Bar bar, Orders orders)
    {
        journal.See(bar.SymbolId, bar.Close);
        _inner.OnBar(in bar, orders);
        journal.TakeRequests();
    }

    public void OnBook(in BookUpdate update, Orders orders)
    {
        if ((update.Flags & BookUpdateFlags.EndOfBatch) != 0 && update.Book.IsTwoSided) journal.See(update.SymbolId, update.Book.Mid);
        _inner.OnBook(in update, orders);
        journal.TakeRequests();
    }

    public void OnFunding(in Funding funding, Orders orders)
    {
        _inner.OnFunding(in funding, orders);
        journal.TakeRequests();
    }

    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders)
    {
        _inner.OnMarkPrice(in mark, orders);
        journal.TakeRequests();
    }

    public void OnTimer(in TimerTick timer, Orders orders)
    {
        _inner.OnTimer(in timer, orders);
        journal.TakeRequests();
    }

    public void OnFill(in Fill fill, Orders orders)
    {
        journal.OnFill(in fill);
        _inner.OnFill(in fill, orders);
        journal.TakeRequests();
    }

    public void OnOrder(in OrderUpdate update, Orders orders)
    {
        journal.OnOrder(in update);
        _inner.OnOrder(in update, orders);
        journal.TakeRequests();
    }

    public void OnFinish(Orders orders)
    {
        _inner.OnFinish(orders);
        journal.TakeRequests();
        journal.DropUnsent();
    }
}
