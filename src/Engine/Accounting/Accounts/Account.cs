using System;
using Backtester.Data;
using Backtester.Execution;
using Backtester.Infrastructure;
using Backtester.Logging;
using Backtester.Statistics;

namespace Backtester.Accounting;

/// <summary>
/// The account rules of one run, between the strategy's requests and the venue: instrument checks (grids, minimums),
/// buying power (cash or margin) when an order is accepted, and liquidation when a margin account's equity falls below
/// its maintenance margin. The rules, with worked examples, are in docs/execution.md, "Instruments" and "Accounts".
/// Reused across runs; a warmed-up run allocates nothing here.
/// </summary>
internal sealed class Account
{
    private readonly InstrumentRules _instruments = new();
    private readonly SettlementCurrencies _currencies = new();
    private double[] _initialRate = Array.Empty<double>();
    private double[] _maintenanceRate = Array.Empty<double>();
    private AccountType _type;
    private bool _allowShortSelling;
    private double _liquidationFeeRate;
    private long _liquidationOrders;
    private Portfolio _portfolio = null!;
    private OpenOrdersView _open = null!; // the venue's open totals, not the strategy's delayed view (decision 0075)
    private OrderGateway _gateway = null!;

    /// <summary>True when a new order must pass <see cref="Check"/>: some instrument rule, or an account with limited buying power.</summary>
    public bool ChecksOrders { get; private set; }

    /// <summary>The run's instruments.</summary>
    public InstrumentRules Instruments => _instruments;

    /// <summary>Liquidation fills booked in this run.</summary>
    public long Liquidations { get; private set; }

    /// <summary>New orders refused for buying power (<see cref="RejectReason.InsufficientFunds"/>, <see cref="RejectReason.InsufficientMargin"/>, <see cref="RejectReason.ShortSellingNotAllowed"/>).</summary>
    public long BuyingPowerRejections { get; private set; }

    /// <summary>
    /// Prepares for a run: resolves instruments, sets multipliers and (margin accounts) maintenance rates in the portfolio.
    /// <paramref name="venueOpen"/> is the open totals the venue holds (<see cref="InFlightReports.VenueOpen"/>), which
    /// buying power counts beside the portfolio's positions.
    /// </summary>
    public void Reset(BacktestOptions options, SymbolTable symbols, Portfolio portfolio, OrderGateway gateway, OpenOrdersView venueOpen, RunStatistics statistics, FillLog log)
    {
        _instruments.Reset(options, symbols);
        int n = symbols.Count;
        if (_initialRate.Length != n)
        {
            _initialRate = new double[n];
            _maintenanceRate = new double[n];
        }
        AccountOptions account = options.Account;
        _type = account.Type;
        _allowShortSelling = account.AllowShortSelling;
        _liquidationFeeRate = account.LiquidationFeeBps / 10_000.0;
        for (int s = 0; s < n; s++)
        {
            Instrument? instrument = _instruments[s];
            // A cash account pays in full: its "margin" is the whole notional.
            _initialRate[s] = _type == AccountType.Cash ? 1 : instrument?.InitialMargin ?? account.InitialMargin;
            _maintenanceRate[s] = instrument?.MaintenanceMargin ?? account.MaintenanceMargin;
            portfolio.SetContract(s, _instruments.Multiplier(s), instrument?.Kind == ContractKind.Inverse);
        }
        _currencies.Reset(options, symbols, _instruments);
        portfolio.SetCurrencies(_currencies);
        if (_type == AccountType.Margin) portfolio.SetMaintenanceRates(_maintenanceRate);
        ChecksOrders = _type != AccountType.Unlimited || _instruments.Any;
        Liquidations = 0;
        BuyingPowerRejections = 0;
        _liquidationOrders = 0;
        _portfolio = portfolio;
        _open = venueOpen;
        _gateway = gateway;
    }

    /// <summary>
    /// Checks a new order that passed the venue's basic checks (rounding it onto its grid when the run rounds):
    /// instrument rules first, then buying power, counting the working and in-flight orders of every symbol.
    /// </summary>
    public RejectReason Check(ref OrderRequest r)
    {
        double mark = _portfolio[r.SymbolId].LastPrice;
        RejectReason reason = _instruments.Any ? _instruments.Check(ref r, mark) : RejectReason.None;
        if (reason != RejectReason.None || _type == AccountType.Unlimited) return reason;
        reason = CheckBuyingPower(in r, mark);
        if (reason != RejectReason.None) BuyingPowerRejections++;
        return reason;
    }

    /// <summary>
    /// Checks buying power for what an amend adds to a working order (<paramref name="added"/>: the order's side, type and
    /// prices, the increase as its quantity), as for a new order of that size; counted in <see cref="BuyingPowerRejections"/>.
    /// </summary>
    public RejectReason CheckIncrease(in OrderRequest added)
    {
        if (_type == AccountType.Unlimited) return RejectReason.None;
        RejectReason reason = CheckBuyingPower(in added, _portfolio[added.SymbolId].LastPrice);
        if (reason != RejectReason.None) BuyingPowerRejections++;
        return reason;
    }

    /// <summary>Checks the new price and quantity of an amend of a live order of <paramref name="symbolId"/>.</summary>
    public RejectReason CheckAmend(ref OrderRequest r, int symbolId) =>
        _instruments.Any ? _instruments.CheckAmend(ref r, symbolId) : RejectReason.None;

    /// <summary>
    /// The margin requirement of every symbol as if all its open orders (and this one) filled:
    /// Σ rate × unit notional × |position + open quantity|, at each symbol's last price (unit notional: multiplier × price,
    /// or multiplier / price for inverse contracts), converted into the reporting currency at the current rates (one
    /// cross-currency pool of collateral, docs/decisions/0044). The order is refused when
    /// the requirement with it exceeds equity and is larger than without it (an order that reduces exposure always passes).
    /// A cash account uses rate 1 (it pays in full), so its longs are limited by cash and its shorts, if allowed, by equity.
    /// </summary>
    private RejectReason CheckBuyingPower(in OrderRequest r, double mark)
    {
        int k = r.SymbolId;
        double signed = r.Side == Side.Buy ? r.Quantity : -r.Quantity;
        double openK = _open.OpenQuantity(k);
        double positionK = _portfolio[k].Position;
        if (_type == AccountType.Cash && !_allowShortSelling && signed < 0 && positionK + openK + signed < -1e-9 * r.Quantity)
            return RejectReason.ShortSellingNotAllowed;
        double priceK = double.IsNaN(mark) ? OrderPrice(in r) : mark;
        if (double.IsNaN(priceK)) return RejectReason.None; // a market order before any price of its symbol cannot be valued
        double before = 0;
        for (int s = 0; s < _initialRate.Length; s++)
        {
            if (s == k) continue;
            ref readonly SymbolAccount a = ref _portfolio[s];
            double exposure = a.Position + _open.OpenQuantity(s);
            if (exposure != 0 && !double.IsNaN(a.LastPrice)) before += _initialRate[s] * a.UnitNotional(a.LastPrice) * _portfolio.RateOf(s) * Math.Abs(exposure);
        }
        double perUnit = _initialRate[k] * _portfolio[k].UnitNotional(priceK) * _portfolio.RateOf(k);
        double after = before + perUnit * Math.Abs(positionK + openK + signed);
        before += perUnit * Math.Abs(positionK + openK);
        if (after > _portfolio.Equity && after > before)
            return _type == AccountType.Cash ? RejectReason.InsufficientFunds : RejectReason.InsufficientMargin;
        return RejectReason.None;
    }

    private static double OrderPrice(in OrderRequest r) => r.Type switch
    {
        OrderType.Limit or OrderType.StopLimit => r.LimitPrice,
        OrderType.Stop => r.StopPrice,
        _ => double.NaN,
    };

    /// <summary>
    /// Books a funding settlement: an open position of the symbol pays or receives position × multiplier × mark price ×
    /// rate (the last price when the data has no mark price), and the payment is written as a <see cref="Ledger"/> row
    /// when the run writes result files. A flat symbol pays nothing and writes nothing. Returns the amount received
    /// (negative: paid), in the symbol's settlement currency; 0 when flat.
    /// </summary>
    public double ApplyFunding(in Funding funding)
    {
        ref readonly SymbolAccount a = ref _portfolio[funding.SymbolId];
        if (a.Position == 0) return 0;
        double position = a.Position;
        double price = double.IsNaN(funding.MarkPrice) ? a.LastPrice : funding.MarkPrice;
        double received = _portfolio.ApplyFunding(funding.SymbolId, funding.Rate, price);
        _gateway.Records?.Write(new Ledger(funding.Timestamp, funding.SymbolId, LedgerKind.Funding, received, position, funding.Rate, price));
        return received;
    }

    /// <summary>
    /// Closes every open position at its symbol's last price, as fills of kind <see cref="FillKind.Liquidation"/> with
    /// order ids −1, −2, … and a fee of <see cref="AccountOptions.LiquidationFeeBps"/> of their notional; each is reported
    /// by <c>OnFill</c> and an order update <c>Filled</c> with reason <see cref="RejectReason.Liquidation"/>. First, as
    /// venues do, every order of the strategy is cancelled (reason <see cref="RejectReason.Liquidation"/>), so none can
    /// reopen a position the account cannot carry.
    /// </summary>
    public void Liquidate<TDriver, TModels>(ExecutionSimulator<TModels> venue, long time, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        if (_portfolio.OpenPositions == 0) return; // already flat (equity below zero stays so): nothing to close
        venue.CancelAll(time, ref driver, orders);
        for (int s = 0; s < _portfolio.SymbolCount; s++)
        {
            ref readonly SymbolAccount a = ref _portfolio[s];
            if (a.Position == 0) continue;
            double quantity = Math.Abs(a.Position), price = a.LastPrice;
            long id = -++_liquidationOrders;
            var fill = new Fill(time, id, s, a.Position > 0 ? Side.Sell : Side.Buy, price, quantity,
                quantity * a.UnitNotional(price) * _liquidationFeeRate, IsMaker: false, FillKind.Liquidation);
            venue.Bookkeeper.Book(in fill);
            Liquidations++;
            venue.ReportFill(in fill, ref driver, orders);
            var update = new OrderUpdate(id, s, OrderStatus.Filled, RejectReason.Liquidation, quantity, 0, time);
            venue.ReportUpdate(in update, ref driver, orders);
        }
    }
}
