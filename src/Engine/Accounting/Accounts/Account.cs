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
    private bool _isolated; // some symbol is on isolated margin (decision 0088)
    private bool[] _cancelMask = Array.Empty<bool>(); // the symbols whose orders a liquidation cancels
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

    /// <summary>New orders the venue refused in this run, for any reason (<see cref="RejectReason"/>), buying power included; counted by the venue.</summary>
    public long RejectedOrders { get; private set; }

    /// <summary>Counts one new order the venue refused (the <see cref="OrderStatus.Rejected"/> update it sends).</summary>
    internal void CountRejectedOrder() => RejectedOrders++;

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
        _isolated = account.IsolatedSymbols.Count != 0;
        if (_isolated) SetIsolated(account, symbols, portfolio);
        ChecksOrders = _type != AccountType.Unlimited || _instruments.Any;
        Liquidations = 0;
        BuyingPowerRejections = 0;
        RejectedOrders = 0;
        _liquidationOrders = 0;
        _portfolio = portfolio;
        _open = venueOpen;
        _gateway = gateway;
    }

    /// <summary>
    /// Puts <see cref="AccountOptions.IsolatedSymbols"/> on isolated margin. Refused (<see cref="ArgumentException"/> naming
    /// the option): a name that is not a symbol of the data, and a run with several settlement currencies (the isolated
    /// margins are kept in the one currency; decision 0088).
    /// </summary>
    private void SetIsolated(AccountOptions account, SymbolTable symbols, Portfolio portfolio)
    {
        if (_currencies.Count > 1)
            throw new ArgumentException(
                $"IsolatedSymbols ({string.Join(",", account.IsolatedSymbols)}) needs every symbol to settle in one currency; this run settles in {_currencies.Count} ({Names(_currencies)}). Put these symbols on cross margin or run the currencies apart.",
                nameof(AccountOptions.IsolatedSymbols));
        if (_cancelMask.Length != symbols.Count) _cancelMask = new bool[symbols.Count];
        for (int i = 0; i < account.IsolatedSymbols.Count; i++) // by index: a sweep's runs allocate nothing here
        {
            string name = account.IsolatedSymbols[i];
            int s = symbols.IndexOf(name);
            if (s < 0)
                throw new ArgumentException($"IsolatedSymbols names '{name}', which is not a symbol of the data.", nameof(AccountOptions.IsolatedSymbols));
            portfolio.SetIsolated(s, _initialRate[s]);
        }
    }

    private static string Names(SettlementCurrencies currencies)
    {
        var names = new string[currencies.Count];
        for (int c = 0; c < names.Length; c++) names[c] = currencies.Name(c);
        return string.Join(", ", names);
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
        if (_isolated) return CheckIsolatedBuyingPower(k, signed, priceK);
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

    /// <summary>
    /// Buying power with symbols on isolated margin (one currency, decision 0088). The requirement is, over cross symbols,
    /// rate × unit notional × |position + open quantity| as for a cross account, and over isolated ones the margin their
    /// position carries plus rate × unit notional × (|position + open quantity| − |position|) when the open orders would
    /// grow it (0 otherwise); it is compared with <see cref="Portfolio.CrossEquity"/>, the wallet plus the cross positions'
    /// unrealized PnL: an isolated position's profit funds nothing and its loss (bounded by its margin) burdens nothing
    /// else. The order is refused when the requirement with it exceeds that and is larger than without it, so an order
    /// that reduces exposure always passes.
    /// </summary>
    private RejectReason CheckIsolatedBuyingPower(int k, double signed, double priceK)
    {
        double before = 0;
        for (int s = 0; s < _initialRate.Length; s++)
        {
            if (s == k) continue;
            ref readonly SymbolAccount a = ref _portfolio[s];
            double exposure = a.Position + _open.OpenQuantity(s);
            if (a.Isolated) before += a.IsolatedMargin + IsolatedGrowth(s, Math.Abs(exposure) - Math.Abs(a.Position), a.LastPrice);
            else if (exposure != 0 && !double.IsNaN(a.LastPrice)) before += _initialRate[s] * a.UnitNotional(a.LastPrice) * Math.Abs(exposure);
        }
        ref readonly SymbolAccount ak = ref _portfolio[k];
        double withOpen = ak.Position + _open.OpenQuantity(k);
        double after;
        if (ak.Isolated)
        {
            double held = Math.Abs(ak.Position);
            after = before + ak.IsolatedMargin + IsolatedGrowth(k, Math.Abs(withOpen + signed) - held, priceK);
            before += ak.IsolatedMargin + IsolatedGrowth(k, Math.Abs(withOpen) - held, priceK);
        }
        else
        {
            double perUnit = _initialRate[k] * ak.UnitNotional(priceK);
            after = before + perUnit * Math.Abs(withOpen + signed);
            before += perUnit * Math.Abs(withOpen);
        }
        return after > _portfolio.CrossEquity && after > before ? RejectReason.InsufficientMargin : RejectReason.None;
    }

    /// <summary>The margin an isolated symbol's open orders would add if they filled: rate × unit notional × the growth of |position| (none when they shrink it, or before any price).</summary>
    private double IsolatedGrowth(int s, double growth, double price) =>
        growth <= 0 || double.IsNaN(price) ? 0 : _initialRate[s] * _portfolio[s].UnitNotional(price) * growth;

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
    /// <remarks>
    /// With symbols on isolated margin (decision 0088), <paramref name="symbolId"/> (the symbol just marked or settled) is
    /// liquidated alone when it is isolated and its margin balance is below its maintenance margin (<see cref="LiquidateIsolated"/>),
    /// and then the cross positions alone when the cross pool is below theirs, each after cancelling the orders of the
    /// symbols it closes.
    /// </remarks>
    public void Liquidate<TDriver, TModels>(ExecutionSimulator<TModels> venue, long time, int symbolId, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        if (_isolated)
        {
            LiquidateWithIsolated(venue, time, symbolId, ref driver, orders);
            return;
        }
        if (_portfolio.OpenPositions == 0) return; // already flat (equity below zero stays so): nothing to close
        venue.CancelAll(time, ref driver, orders);
        for (int s = 0; s < _portfolio.SymbolCount; s++)
        {
            ref readonly SymbolAccount a = ref _portfolio[s];
            if (a.Position == 0) continue;
            Close(venue, time, s, a.LastPrice, Math.Abs(a.Position) * a.UnitNotional(a.LastPrice) * _liquidationFeeRate, ref driver, orders);
        }
    }

    private void LiquidateWithIsolated<TDriver, TModels>(ExecutionSimulator<TModels> venue, long time, int symbolId, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        if (symbolId >= 0 && _portfolio.IsolatedBelowMaintenance(symbolId)) LiquidateIsolated(venue, time, symbolId, ref driver, orders);
        if (!_portfolio.CrossBelowMaintenance || _portfolio.OpenCrossPositions == 0) return;
        for (int s = 0; s < _cancelMask.Length; s++) _cancelMask[s] = !_portfolio[s].Isolated;
        venue.CancelAll(time, _cancelMask, ref driver, orders);
        for (int s = 0; s < _portfolio.SymbolCount; s++)
        {
            ref readonly SymbolAccount a = ref _portfolio[s];
            if (a.Position == 0 || a.Isolated) continue;
            Close(venue, time, s, a.LastPrice, Math.Abs(a.Position) * a.UnitNotional(a.LastPrice) * _liquidationFeeRate, ref driver, orders);
        }
    }

    /// <summary>
    /// Liquidates the isolated position of <paramref name="s"/> alone, after cancelling that symbol's orders. It closes at
    /// the last price with the liquidation fee, the fee taken only from what is left of the position's margin balance
    /// (never more): the account loses at most the position's isolated margin. When the price has gapped past the
    /// bankruptcy price (the margin balance is negative), the venue's insurance fund takes the loss beyond the margin: the
    /// position closes at the bankruptcy price, where its loss is exactly its margin, without a fee (decision 0088).
    /// </summary>
    private void LiquidateIsolated<TDriver, TModels>(ExecutionSimulator<TModels> venue, long time, int s, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        Array.Clear(_cancelMask);
        _cancelMask[s] = true;
        venue.CancelAll(time, _cancelMask, ref driver, orders);
        ref readonly SymbolAccount a = ref _portfolio[s];
        if (a.Position == 0) return; // a handler of the cancellations cannot trade, but stay safe
        double quantity = Math.Abs(a.Position), price = a.LastPrice, balance = a.IsolatedBalance, fee;
        if (balance < 0)
        {
            // Bankruptcy price: the unit value at which position × (value − entry value) = −margin.
            price = a.Contract.PriceOf(a.UnitValue(a.AveragePrice) - a.IsolatedMargin / a.Position);
            fee = 0;
        }
        else fee = Math.Min(quantity * a.UnitNotional(price) * _liquidationFeeRate, balance);
        Close(venue, time, s, price, fee, ref driver, orders);
    }

    /// <summary>Closes the position of <paramref name="s"/> at <paramref name="price"/> as a liquidation fill (order id −1, −2, …), and reports it.</summary>
    private void Close<TDriver, TModels>(ExecutionSimulator<TModels> venue, long time, int s, double price, double fee, ref TDriver driver, Orders orders)
        where TDriver : struct, IStrategyDriver
        where TModels : struct, IVenueModels
    {
        ref readonly SymbolAccount a = ref _portfolio[s];
        double quantity = Math.Abs(a.Position);
        long id = -++_liquidationOrders;
        var fill = new Fill(time, id, s, a.Position > 0 ? Side.Sell : Side.Buy, price, quantity, fee, IsMaker: false, FillKind.Liquidation);
        venue.Bookkeeper.Book(in fill);
        Liquidations++;
        venue.ReportFill(in fill, ref driver, orders);
        var update = new OrderUpdate(id, s, OrderStatus.Filled, RejectReason.Liquidation, quantity, 0, time);
        venue.ReportUpdate(in update, ref driver, orders);
    }
}
