using System;
using Backtester.Data;
using Backtester.Infrastructure;
using Backtester.Logging;
using Backtester.Statistics;

namespace Backtester.Accounting;

/// <summary>
/// The one way a fill reaches the books: the portfolio (cash, position, round trips), the run's statistics, the fill
/// log and the strategy's view of its position, in that order. The venue's fills and the account's liquidations both
/// go through it, so a new kind of fill cannot update one of them and forget another. Reused across runs.
/// </summary>
internal sealed class Bookkeeper
{
    private SymbolTable _symbols = null!;
    private OrderGateway _gateway = null!;
    private Portfolio _portfolio = null!;
    private RunStatistics _statistics = null!;
    private FillLog _log = null!;
    private bool _defersPosition;

    /// <summary>
    /// Sets the run's parts. With <paramref name="defersPosition"/> (a response latency, decision 0074) the strategy's
    /// position is left to the fill's report, which sets it when delivered; the account books the fill at once either way.
    /// </summary>
    public void Reset(SymbolTable symbols, OrderGateway gateway, Portfolio portfolio, RunStatistics statistics, FillLog log, bool defersPosition)
    {
        _defersPosition = defersPosition;
        _symbols = symbols;
        _gateway = gateway;
        _portfolio = portfolio;
        _statistics = statistics;
        _log = log;
    }

    /// <summary>
    /// Books <paramref name="fill"/>. Stops the run (<see cref="RunHaltedException"/>) when it leaves the account
    /// non-finite, before it is logged.
    /// </summary>
    public void Book(in Fill fill)
    {
        int s = fill.SymbolId;
        if (_portfolio.Apply(in fill, out double tripPnl)) _statistics.OnRoundTrip(tripPnl);
        if (!double.IsFinite(_portfolio.Equity) || !double.IsFinite(_portfolio.Cash) || !double.IsFinite(_portfolio[s].Position)) Halt(in fill);
        _statistics.Fills++;
        _log.Append(in fill);
        if (!_defersPosition) _gateway.SetPosition(s, _portfolio[s].Position);
    }

    /// <summary>Stops the run at the fill that made the account non-finite, naming its time, symbol and order.</summary>
    private void Halt(in Fill fill)
    {
        if (_portfolio.Unpriced() is { } unpriced)
            throw new RunHaltedException(fill.Timestamp, _symbols[fill.SymbolId], fill.OrderId,
                $"the account holds {unpriced.Currency}, which is converted into {_portfolio.Currencies!.Reporting} at the price of {_symbols[unpriced.RateSymbol]}, and {_symbols[unpriced.RateSymbol]} has had no price yet");
        string what = !double.IsFinite(_portfolio[fill.SymbolId].Position) ? FormattableString.Invariant($"the position became {_portfolio[fill.SymbolId].Position}")
            : !double.IsFinite(_portfolio.Cash) ? FormattableString.Invariant($"cash became {_portfolio.Cash}") : FormattableString.Invariant($"equity became {_portfolio.Equity}");
        throw new RunHaltedException(fill.Timestamp, _symbols[fill.SymbolId], fill.OrderId,
            FormattableString.Invariant($"{what} after a {(fill.Side == Side.Buy ? "buy" : "sell")} fill of {fill.Quantity} at {fill.Price} (position, cash and equity must stay finite)"));
    }
}
