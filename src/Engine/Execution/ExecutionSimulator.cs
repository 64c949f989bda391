using System;
using Backtester.Accounting;
using Backtester.Statistics;

namespace Backtester.Execution;

/// <summary>
/// The simulated venue. An order decided on an event at time t arrives at t + latency and can fill only against
/// later events of its symbol with a timestamp at or after its arrival (no look-ahead). Market orders take
/// liquidity at the trade price of the event they fill against, moved against the order by the slippage, and pay
/// the taker fee plus the fixed fee per fill. Reused across runs; its order buffer only grows.
/// </summary>
internal sealed class ExecutionSimulator
{
    private PendingOrder[] _pending = new PendingOrder[16];
    private int _pendingCount;
    private long _latency;
    private double _takerFeeRate;
    private double _feePerFill;
    private double _slippageRate;

    public int PendingCount => _pendingCount;

    public void Reset(BacktestOptions options)
    {
        _pendingCount = 0;
        _latency = options.OrderLatencyNs;
        _takerFeeRate = options.TakerFeeBps / 10_000.0;
        _feePerFill = options.FeePerFill;
        _slippageRate = options.SlippageBps / 10_000.0;
    }

    /// <summary>Takes the orders the strategy placed on the current event; they arrive after the latency.</summary>
    public void Accept(OrderGateway gateway)
    {
        ReadOnlySpan<OrderRequest> placed = gateway.Placed;
        if (_pendingCount + placed.Length > _pending.Length)
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingCount + placed.Length));
        foreach (ref readonly OrderRequest request in placed)
            _pending[_pendingCount++] = new PendingOrder(request, request.DecisionTime + _latency);
        gateway.ClearPlaced();
    }

    /// <summary>
    /// Fills every pending order of the trade's symbol that has arrived by the trade's time, books the fills,
    /// and reports each one to the strategy.
    /// </summary>
    public void MatchTrade<TDriver>(in Trade trade, ref TDriver driver, Orders orders, Portfolio portfolio,
        OrderGateway gateway, ref RunStatistics statistics)
        where TDriver : struct, IStrategyDriver
    {
        int kept = 0;
        // Orders placed by OnFill handlers during this loop go to the gateway, not to _pending, so they
        // cannot fill against this same event.
        int count = _pendingCount;
        for (int i = 0; i < count; i++)
        {
            PendingOrder order = _pending[i];
            if (order.Request.SymbolId != trade.SymbolId || order.ArrivalTime > trade.Timestamp)
            {
                _pending[kept++] = order;
                continue;
            }
            Fill fill = FillMarket(order.Request, in trade);
            if (portfolio.Apply(in fill, out double tripPnl))
                statistics.OnRoundTrip(tripPnl);
            statistics.Fills++;
            gateway.SetPosition(fill.SymbolId, portfolio[fill.SymbolId].Position);
            driver.OnFill(in fill, orders);
        }
        _pendingCount = kept;
    }

    private Fill FillMarket(in OrderRequest request, in Trade trade)
    {
        double price = request.Side == Side.Buy
            ? trade.Price * (1 + _slippageRate)
            : trade.Price * (1 - _slippageRate);
        double fee = Math.Abs(price * request.Quantity) * _takerFeeRate + _feePerFill;
        return new Fill(trade.Timestamp, request.OrderId, request.SymbolId, request.Side, price, request.Quantity, fee, IsMaker: false);
    }
}
