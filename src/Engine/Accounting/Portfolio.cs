using System;
using System.Runtime.CompilerServices;

namespace Backtester.Accounting;

/// <summary>
/// Cash, positions and PnL of one run, in the reporting currency; a symbol settling in another currency (an inverse
/// contract's base coin beside linear USDT contracts) books into its own balance, converted at the current rate. Positions use average-cost
/// accounting: adding to a position moves the average entry price; reducing it realizes
/// <c>closed quantity × multiplier × (fill price − average price) × sign(position)</c>; a fill through zero closes the
/// old position and opens the remainder at the fill price. Equity = cash + Σ position × multiplier × last price at all
/// times. For margin accounts it also keeps the maintenance margin Σ rate × |position| × multiplier × last price, so
/// the replay can test <see cref="BelowMaintenance"/> with one comparison per event.
/// Reused across runs (<see cref="Reset"/>), so a run allocates nothing here once warmed up.
/// </summary>
/// <remarks>
/// Contract seam: <see cref="Mark"/> and <see cref="Apply"/> are the only places that turn quantity and price into
/// money, through <see cref="SymbolAccount.UnitValue"/>: multiplier × price for linear contracts, −multiplier / price for
/// inverse ones (money in the base coin), in which every formula above is linear. Funding is a cash flow booked by <see cref="ApplyFunding"/> at funding times
/// (see docs/execution.md, "Accounting" and "Perpetuals").
/// </remarks>
internal sealed class Portfolio
{
    private SymbolAccount[] _accounts = Array.Empty<SymbolAccount>();
    private double _positionValue;
    private double _maintenance = double.NegativeInfinity;
    private bool _hasMaintenance;
    private bool _tracksMaintenance; // some maintenance rate is not 0; otherwise the maintenance margin stays 0
    private double _cash; // of the reporting currency (currency 0)

    // Accounts with isolated symbols only (decision 0088; one currency): Σ over isolated positions of position × unit
    // value at the last price and at the average entry price, and of their isolated margins; the number of open cross
    // positions. The cross pool is then cash + position value − isolated value + isolated entry value (wallet plus cross
    // unrealized PnL), and _maintenance covers the cross symbols only.
    private bool _hasIsolated;
    private double _isolatedValue, _isolatedEntry, _isolatedMargin;
    private int _openCross;

    // Runs with several settlement currencies only (docs/decisions/0044): balance, marked position value and maintenance
    // margin of currency c ≥ 1, each in c, and the symbol whose price converts c into the reporting currency. Their
    // length is the currency count; 1 (index 0 unused) in a run with one currency, which never reads them.
    private double[] _otherCash = new double[1], _otherValue = new double[1], _otherMaintenance = new double[1];
    private int[] _rateSymbol = new int[1];
    private bool[] _rateInverted = new bool[1];
    private bool _multiCurrency;
    private bool _marksInGeneral; // several currencies or an inverse contract: MarkThenBelowMaintenance takes the general path
    private SettlementCurrencies? _currencies;

    public double InitialCapital { get; private set; }

    /// <summary>Cash of every currency, in the reporting currency at the current rates.</summary>
    public double Cash => _multiCurrency ? _cash + Converted(_otherCash) : _cash;

    /// <summary>Cash plus every position marked at its last price, in the reporting currency (other currencies converted at the current rates).</summary>
    public double Equity
    {
        // Read after every event: inlined, with the runs of several currencies out of line.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _multiCurrency ? MultiCurrencyEquity() : _cash + _positionValue;
    }

    private double MultiCurrencyEquity() => _cash + _positionValue + Converted(_otherCash) + Converted(_otherValue);

    public int SymbolCount => _accounts.Length;

    /// <summary>Number of symbols with a non-zero position.</summary>
    public int OpenPositions { get; private set; }

    public ref readonly SymbolAccount this[int symbolId] => ref _accounts[symbolId];

    public void Reset(int symbolCount, double initialCapital)
    {
        if (_accounts.Length != symbolCount) _accounts = new SymbolAccount[symbolCount];
        else Array.Clear(_accounts);
        for (int i = 0; i < _accounts.Length; i++) _accounts[i].LastPrice = double.NaN;
        for (int i = 0; i < _accounts.Length; i++) _accounts[i].Multiplier = 1; // and linear (cleared)
        InitialCapital = initialCapital;
        _cash = initialCapital;
        _multiCurrency = _marksInGeneral = false;
        _currencies = null;
        _positionValue = 0;
        OpenPositions = 0;
        _hasMaintenance = false;
        _tracksMaintenance = false;
        _maintenance = double.NegativeInfinity;
        _hasIsolated = false;
        _isolatedValue = _isolatedEntry = _isolatedMargin = 0;
        _openCross = 0;
    }

    /// <summary>
    /// Puts <paramref name="symbolId"/> on isolated margin at <paramref name="initialRate"/> (decision 0088). Call after
    /// <see cref="SetMaintenanceRates"/>, before the first fill; a run with isolated symbols has one settlement currency.
    /// </summary>
    public void SetIsolated(int symbolId, double initialRate)
    {
        _accounts[symbolId].Isolated = true;
        _accounts[symbolId].InitialRate = initialRate;
        _hasIsolated = true;
    }

    /// <summary>True when some symbol is on isolated margin.</summary>
    public bool HasIsolated => _hasIsolated;

    /// <summary>Σ of the isolated positions' margins.</summary>
    public double IsolatedMargin => _isolatedMargin;

    /// <summary>
    /// What backs the cross positions and every new order (isolated symbols on): the wallet (cash plus the entry value of
    /// the positions) plus the cross positions' unrealized PnL, i.e. equity without the isolated positions' unrealized PnL,
    /// which neither funds nor burdens the pool (decision 0088). The isolated margins are part of it and are counted against it.
    /// </summary>
    public double CrossEquity => _cash + _positionValue - _isolatedValue + _isolatedEntry;

    /// <summary>Open positions on cross margin.</summary>
    public int OpenCrossPositions => _openCross;

    /// <summary>
    /// Isolated symbols on: the cross pool without the isolated margins (<see cref="CrossEquity"/> − Σ isolated margin) is
    /// below the cross positions' maintenance margin.
    /// </summary>
    public bool CrossBelowMaintenance
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _cash + _positionValue - _isolatedValue + _isolatedEntry - _isolatedMargin < _maintenance;
    }

    /// <summary>
    /// True when <paramref name="symbolId"/> is isolated, open, and its margin balance (isolated margin + unrealized PnL at
    /// the last price) is below its maintenance margin, rate × |position| × unit notional at the last price.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsolatedBelowMaintenance(int symbolId)
    {
        ref readonly SymbolAccount a = ref _accounts[symbolId];
        return a.Isolated && a.Position != 0 && a.IsolatedBalance < a.MaintenanceRate * a.Notional;
    }

    /// <summary>
    /// <see cref="Mark"/> for an account with isolated symbols (one currency): the isolated positions' value is tracked
    /// apart, and the maintenance margin moves with the cross positions only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MarkIsolated(int symbolId, double price)
    {
        ref SymbolAccount a = ref _accounts[symbolId];
        if (a.Position != 0)
        {
            double change = a.Inverse ? 1 / a.LastPrice - 1 / price : price - a.LastPrice;
            _positionValue += a.ValueSlope * change;
            if (a.Isolated) _isolatedValue += a.ValueSlope * change;
            else if (_tracksMaintenance) _maintenance += a.MaintenanceSlope * change;
        }
        a.LastPrice = price;
    }

    /// <summary>Sets <see cref="SymbolAccount.HasMarkPrice"/>: from now on only mark prices mark the symbol.</summary>
    public void SetHasMarkPrice(int symbolId) => _accounts[symbolId].HasMarkPrice = true;

    /// <summary>Sets the contract terms of <paramref name="symbolId"/>; call after <see cref="Reset"/>, before the first fill.</summary>
    public void SetContract(int symbolId, double multiplier, bool inverse)
    {
        _accounts[symbolId].Multiplier = multiplier;
        _accounts[symbolId].Inverse = inverse;
        _marksInGeneral |= inverse;
    }

    /// <summary>
    /// Gives symbols settling in other currencies than the reporting one their own balances (all 0 at the start),
    /// converted into the reporting currency at the last price of each currency's rate symbol. Call after
    /// <see cref="Reset"/> and <see cref="SetContract"/>, before <see cref="SetMaintenanceRates"/> and the first fill.
    /// </summary>
    public void SetCurrencies(SettlementCurrencies currencies)
    {
        _currencies = currencies;
        int count = currencies.Count;
        if (count <= 1) return;
        if (_otherCash.Length != count)
        {
            _otherCash = new double[count];
            _otherValue = new double[count];
            _otherMaintenance = new double[count];
            _rateSymbol = new int[count];
            _rateInverted = new bool[count];
        }
        else
        {
            Array.Clear(_otherCash);
            Array.Clear(_otherValue);
            Array.Clear(_otherMaintenance);
        }
        for (int c = 1; c < count; c++)
        {
            _rateSymbol[c] = currencies.RateSymbol(c);
            _rateInverted[c] = currencies.RateInverted(c);
        }
        for (int s = 0; s < _accounts.Length; s++) _accounts[s].Currency = currencies.CurrencyOf(s);
        _multiCurrency = _marksInGeneral = true;
    }

    /// <summary>
    /// Reporting-currency value of one unit of the settlement currency of <paramref name="symbolId"/>: 1 in a run with one
    /// currency; otherwise the last price of the currency's rate symbol (NaN before its first price).
    /// </summary>
    public double RateOf(int symbolId)
    {
        int c = _accounts[symbolId].Currency;
        return c == 0 ? 1 : Rate(c);
    }

    private double Rate(int currency)
    {
        double price = _accounts[_rateSymbol[currency]].LastPrice;
        return _rateInverted[currency] ? 1 / price : price;
    }

    /// <summary>Σ over currencies c ≥ 1 of amount[c] × rate of c; an amount of 0 adds 0 even before the rate's first price.</summary>
    private double Converted(double[] amounts)
    {
        double sum = 0;
        for (int c = 1; c < amounts.Length; c++)
            if (amounts[c] != 0) sum += amounts[c] * Rate(c);
        return sum;
    }

    /// <summary>
    /// The first currency that holds money but has no rate yet (its rate symbol has had no price), with that symbol; null
    /// when every balance can be valued. Explains a NaN equity.
    /// </summary>
    public (string Currency, int RateSymbol)? Unpriced()
    {
        if (!_multiCurrency) return null;
        for (int c = 1; c < _otherCash.Length; c++)
            if ((_otherCash[c] != 0 || _otherValue[c] != 0) && double.IsNaN(Rate(c))) return (_currencies!.Name(c), _rateSymbol[c]);
        return null;
    }

    /// <summary>The run's currencies (null before <see cref="SetCurrencies"/>).</summary>
    public SettlementCurrencies? Currencies => _currencies;

    /// <summary>
    /// Makes this a margin account: <see cref="BelowMaintenance"/> compares equity with Σ rate × notional from now on.
    /// Call after <see cref="Reset"/>, before the first fill.
    /// </summary>
    public void SetMaintenanceRates(ReadOnlySpan<double> rates)
    {
        for (int i = 0; i < _accounts.Length; i++)
        {
            _accounts[i].MaintenanceRate = rates[i];
            _tracksMaintenance |= rates[i] != 0;
        }
        _hasMaintenance = true;
        _maintenance = 0;
    }

    /// <summary>Maintenance margin of the open positions at their last prices (−∞ when the account is not a margin account).</summary>
    public double MaintenanceMargin => _multiCurrency ? _maintenance + Converted(_otherMaintenance) : _maintenance;

    /// <summary>True when equity is below the maintenance margin: a margin account must be liquidated. Never true for other accounts.</summary>
    public bool BelowMaintenance
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _multiCurrency ? Equity < MaintenanceMargin : _cash + _positionValue < _maintenance;
    }

    /// <summary>
    /// Relative tolerance under which a position left by a closing fill is dust and becomes exactly zero: 1e-9 of the
    /// larger of the fill's and the position's quantities, far above double rounding (~1e-16 relative) and far below any
    /// real lot size.
    /// </summary>
    public const double DustTolerance = 1e-9;

    /// <summary>Marks <paramref name="symbolId"/> at <paramref name="price"/>, moving equity by position × price change.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Mark(int symbolId, double price)
    {
        ref SymbolAccount a = ref _accounts[symbolId];
        if (a.Position != 0)
        {
            // Value and maintenance margin are linear in the price (linear contracts) or in 1/price (inverse ones), with
            // slopes set at the last fill: one multiply-add each per event.
            double change = a.Inverse ? 1 / a.LastPrice - 1 / price : price - a.LastPrice;
            if (a.Currency == 0)
            {
                _positionValue += a.ValueSlope * change;
                if (_tracksMaintenance) _maintenance += a.MaintenanceSlope * change;
            }
            else
            {
                _otherValue[a.Currency] += a.ValueSlope * change;
                if (_tracksMaintenance) _otherMaintenance[a.Currency] += a.MaintenanceSlope * change;
            }
        }
        a.LastPrice = price;
    }

    /// <summary>
    /// <see cref="Mark"/>, then <see cref="BelowMaintenance"/>, with the <see cref="Equity"/> after the mark in
    /// <paramref name="equity"/>: for one currency and a linear contract the test and the equity use the value and
    /// maintenance margin just computed, from registers, where the steps apart read back the fields just stored. The same
    /// arithmetic, so the same results bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MarkThenBelowMaintenance(int symbolId, double price, out double equity)
    {
        // One test for both cases the common path below does not cover (a linear symbol of an account that also holds an
        // inverse one takes the general path too: the same arithmetic, one more call).
        if (_marksInGeneral)
        {
            // The equity is read here, not by the call: a local passed by reference to a call that is not inlined lives
            // in memory, and the common path below would store and reload it on every event.
            bool below = MarkThenBelowMaintenanceInGeneral(symbolId, price);
            equity = Equity;
            return below;
        }
        ref SymbolAccount a = ref _accounts[symbolId];
        double value = _positionValue, maintenance = _maintenance;
        if (a.Position != 0)
        {
            double change = price - a.LastPrice;
            _positionValue = value += a.ValueSlope * change;
            if (_tracksMaintenance) _maintenance = maintenance += a.MaintenanceSlope * change;
        }
        a.LastPrice = price;
        equity = _cash + value;
        return equity < maintenance;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool MarkThenBelowMaintenanceInGeneral(int symbolId, double price)
    {
        Mark(symbolId, price);
        return BelowMaintenance;
    }

    /// <summary>
    /// <see cref="Mark"/> at the exchange's mark price (<see cref="MarkSource.MarkPrice"/>): the symbol is marked, and from
    /// now on the market's events no longer mark it (<see cref="SymbolAccount.HasMarkPrice"/>).
    /// </summary>
    public void MarkAtMarkPrice(int symbolId, double price)
    {
        _accounts[symbolId].HasMarkPrice = true;
        Mark(symbolId, price);
    }

    /// <summary>
    /// <see cref="Mark"/> for an account with one currency, linear contracts and no maintenance margin
    /// (<see cref="MarksLinearOnly"/>): the same multiply-add, without the tests for the other cases. Returns the
    /// <see cref="Equity"/> after it, from the value just computed (one currency: cash plus the position value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double MarkLinear(int symbolId, double price)
    {
        ref SymbolAccount a = ref _accounts[symbolId];
        double value = _positionValue;
        if (a.Position != 0) _positionValue = value += a.ValueSlope * (price - a.LastPrice);
        a.LastPrice = price;
        return _cash + value;
    }

    /// <summary>
    /// True when <see cref="MarkLinear"/> does what <see cref="Mark"/> does and <see cref="BelowMaintenance"/> can never
    /// be true: not a margin account, one currency, no inverse contract. Read once per run, after the account set the
    /// contracts, currencies and maintenance rates.
    /// </summary>
    public bool MarksLinearOnly
    {
        get
        {
            if (_hasMaintenance || _multiCurrency) return false;
            foreach (ref readonly SymbolAccount a in _accounts.AsSpan())
                if (a.Inverse || a.Currency != 0) return false;
            return true;
        }
    }

    /// <summary>
    /// Books a fill. Returns true when it closed a round trip (the position went to zero or through it), with that
    /// trip's PnL net of fees in <paramref name="closedTripPnl"/>, in the reporting currency at the rate of the moment.
    /// </summary>
    public bool Apply(in Fill fill, out double closedTripPnl)
    {
        ref SymbolAccount a = ref _accounts[fill.SymbolId];
        if (double.IsNaN(a.LastPrice)) a.LastPrice = fill.Price;
        double q = fill.SignedQuantity;
        double oldPosition = a.Position;
        // Money is linear in the unit value (multiplier × price; −multiplier / price for inverse contracts), so the
        // average-cost rules are applied to it and the average entry price is read back from it.
        double unit = a.UnitValue(fill.Price);
        bool closed = false;
        closedTripPnl = 0;

        AddCash(a.Currency, -(q * unit + fill.Fee));
        a.Fees += fill.Fee;
        a.Turnover += Math.Abs(q) * a.UnitNotional(fill.Price);

        if (oldPosition == 0 || Math.Sign(oldPosition) == Math.Sign(q))
        {
            double newPosition = oldPosition + q;
            double held = oldPosition == 0 ? 0 : a.UnitValue(a.AveragePrice) * Math.Abs(oldPosition);
            a.AveragePrice = a.Contract.PriceOf((held + unit * Math.Abs(q)) / Math.Abs(newPosition));
            a.Position = newPosition;
            a.OpenTripPnl -= fill.Fee;
        }
        else
        {
            double closing = Math.Min(Math.Abs(q), Math.Abs(oldPosition));
            double realized = closing * (unit - a.UnitValue(a.AveragePrice)) * Math.Sign(oldPosition);
            double closingFee = fill.Fee * closing / Math.Abs(q);
            a.RealizedPnl += realized;
            a.OpenTripPnl += realized - closingFee;
            double newPosition = oldPosition + q;
            // A fill within the dust tolerance of the position closes it exactly: 0.1 + 0.2 bought and 0.3 sold leave
            // 5.55e-17 in binary floating point, which would keep the trip open forever (docs/execution.md).
            double dust = DustTolerance * Math.Max(Math.Abs(q), Math.Abs(oldPosition));
            if (Math.Abs(q) >= Math.Abs(oldPosition) - dust)
            {
                closed = true;
                closedTripPnl = a.OpenTripPnl;
                a.OpenTripPnl = -(fill.Fee - closingFee);
                if (Math.Abs(Math.Abs(q) - Math.Abs(oldPosition)) <= dust)
                {
                    newPosition = 0; // exact, whatever the rounding of oldPosition + q
                    a.AveragePrice = 0;
                }
                else
                {
                    a.AveragePrice = fill.Price;
                }
            }
            a.Position = newPosition;
        }
        if (a.Isolated) MoveIsolatedMargin(ref a, oldPosition, Math.Abs(q), fill.Price);
        a.ValueSlope = a.Position * a.Multiplier;
        a.MaintenanceSlope = a.MaintenanceRate * Math.Abs(a.Position) * a.Multiplier * (a.Inverse ? -1 : 1);

        // Re-derive the marked value of all positions exactly at each fill, so incremental marking cannot drift.
        double value = 0, maintenance = 0, isolatedValue = 0, isolatedEntry = 0, isolatedMargin = 0;
        int open = 0, openCross = 0;
        if (_multiCurrency)
        {
            Array.Clear(_otherValue);
            Array.Clear(_otherMaintenance);
        }
        for (int i = 0; i < _accounts.Length; i++)
        {
            ref readonly SymbolAccount p = ref _accounts[i];
            if (p.Position == 0) continue;
            open++;
            if (p.Currency != 0)
            {
                _otherValue[p.Currency] += p.Position * p.UnitValue(p.LastPrice);
                if (_hasMaintenance) _otherMaintenance[p.Currency] += p.MaintenanceRate * p.Notional;
                continue;
            }
            value += p.Position * p.UnitValue(p.LastPrice);
            if (p.Isolated)
            {
                isolatedValue += p.Position * p.UnitValue(p.LastPrice);
                isolatedEntry += p.Position * p.UnitValue(p.AveragePrice);
                isolatedMargin += p.IsolatedMargin;
                continue;
            }
            openCross++;
            maintenance += p.MaintenanceRate * p.Notional;
        }
        _positionValue = value;
        if (_hasMaintenance) _maintenance = maintenance;
        OpenPositions = open;
        if (_hasIsolated)
        {
            _isolatedValue = isolatedValue;
            _isolatedEntry = isolatedEntry;
            _isolatedMargin = isolatedMargin;
            _openCross = openCross;
        }
        if (closed && a.Currency != 0) closedTripPnl *= Rate(a.Currency);
        return closed;
    }

    /// <summary>
    /// Books a funding settlement on <paramref name="symbolId"/>: the position pays (rate &gt; 0 for a long)
    /// position × unit notional at <paramref name="price"/> × <paramref name="rate"/> (multiplier × price, or multiplier /
    /// price for inverse contracts, whose funding is paid in the base coin). Returns the cash received (negative: paid).
    /// </summary>
    public double ApplyFunding(int symbolId, double rate, double price)
    {
        ref SymbolAccount a = ref _accounts[symbolId];
        double received = -a.Position * a.UnitNotional(price) * rate;
        AddCash(a.Currency, received);
        a.Funding += received;
        if (a.Isolated && a.Position != 0)
        {
            // An isolated position's funding is booked into its own margin (decision 0088): the cross pool does not move.
            a.IsolatedMargin += received;
            _isolatedMargin += received;
        }
        return received;
    }

    /// <summary>
    /// The isolated margin follows the position (decision 0088): each unit added locks initial rate × unit notional at the
    /// fill price; a reduction releases the margin pro rata (the realized PnL is already in cash); a close releases it all,
    /// and a flip's remainder locks anew at the fill price. Called by <see cref="Apply"/> after the position moved.
    /// </summary>
    private static void MoveIsolatedMargin(ref SymbolAccount a, double oldPosition, double quantity, double price)
    {
        double newAbs = Math.Abs(a.Position), oldAbs = Math.Abs(oldPosition);
        if (oldPosition == 0 || (a.Position != 0 && Math.Sign(a.Position) == Math.Sign(oldPosition) && newAbs > oldAbs))
            a.IsolatedMargin += a.InitialRate * quantity * a.UnitNotional(price);
        else if (a.Position != 0 && Math.Sign(a.Position) == Math.Sign(oldPosition))
            a.IsolatedMargin *= newAbs / oldAbs;
        else
            a.IsolatedMargin = newAbs == 0 ? 0 : a.InitialRate * newAbs * a.UnitNotional(price);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddCash(int currency, double amount)
    {
        if (currency == 0) _cash += amount;
        else _otherCash[currency] += amount;
    }

    // The sums below are in the reporting currency: each symbol's figure (in its settlement currency) at the current rate,
    // so that FinalEquity − InitialCapital = realized + unrealized − fees + funding holds in a run with several currencies too.

    /// <summary><paramref name="amount"/> of the settlement currency of <paramref name="symbolId"/>, in the reporting currency at the current rate.</summary>
    public double InReporting(int symbolId, double amount) => amount == 0 ? 0 : amount * RateOf(symbolId);

    public double Funding
    {
        get { double sum = 0; for (int s = 0; s < _accounts.Length; s++) sum += InReporting(s, _accounts[s].Funding); return sum; }
    }

    public double RealizedPnl
    {
        get { double sum = 0; for (int s = 0; s < _accounts.Length; s++) sum += InReporting(s, _accounts[s].RealizedPnl); return sum; }
    }

    public double UnrealizedPnl
    {
        get { double sum = 0; for (int s = 0; s < _accounts.Length; s++) sum += InReporting(s, _accounts[s].UnrealizedPnl); return sum; }
    }

    public double Fees
    {
        get { double sum = 0; for (int s = 0; s < _accounts.Length; s++) sum += InReporting(s, _accounts[s].Fees); return sum; }
    }

    public double Turnover
    {
        get { double sum = 0; for (int s = 0; s < _accounts.Length; s++) sum += InReporting(s, _accounts[s].Turnover); return sum; }
    }
}
