using System;
using System.Collections.Generic;
using Backtester.Data;
using Backtester.Infrastructure;

namespace Backtester.Accounting;

/// <summary>
/// The instruments of one run resolved to per-symbol arrays, and the venue's checks of an order against them: tick and
/// lot grids (rejected or rounded, per <see cref="BacktestOptions.OffGridOrders"/>), minimum quantity and notional.
/// Symbols without an instrument have no rule. Reused across runs; arrays are reallocated only when the symbol count changes.
/// </summary>
internal sealed class InstrumentRules
{
    // A value within a millionth of a step of the grid counts as on it: decimal steps (0.1, 0.001) are inexact in binary.
    private const double GridTolerance = 1e-6;

    private double[] _tick = Array.Empty<double>(), _lot = Array.Empty<double>();
    private int[] _tickDecimals = Array.Empty<int>(), _lotDecimals = Array.Empty<int>();
    private double[] _minQuantity = Array.Empty<double>(), _minNotional = Array.Empty<double>();
    private double[] _multiplier = Array.Empty<double>();
    private Instrument?[] _instruments = Array.Empty<Instrument?>();
    private bool[] _inverse = Array.Empty<bool>();
    private bool _round;

    /// <summary>True when some symbol of the run has a grid or a minimum to check.</summary>
    public bool Any { get; private set; }

    /// <summary>The instrument of <paramref name="symbolId"/>, null when the run has none for it.</summary>
    public Instrument? this[int symbolId] => _instruments[symbolId];

    /// <summary>Contract multiplier of <paramref name="symbolId"/> (1 without an instrument).</summary>
    public double Multiplier(int symbolId) => _multiplier[symbolId];

    public void Reset(BacktestOptions options, SymbolTable symbols)
    {
        int n = symbols.Count;
        if (_tick.Length != n)
        {
            _tick = new double[n];
            _lot = new double[n];
            _tickDecimals = new int[n];
            _lotDecimals = new int[n];
            _minQuantity = new double[n];
            _minNotional = new double[n];
            _multiplier = new double[n];
            _instruments = new Instrument?[n];
            _inverse = new bool[n];
        }
        else
        {
            Array.Clear(_tick);
            Array.Clear(_lot);
            Array.Clear(_minQuantity);
            Array.Clear(_minNotional);
            Array.Clear(_instruments);
            Array.Clear(_inverse);
        }
        ArrayFill.With(_multiplier, 1.0);
        _round = options.OffGridOrders == OffGridOrders.Round;
        Any = false;
        AnyInverse = false;
        if (options.Instruments is not { } instruments) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Instrument instrument in instruments)
        {
            if (!seen.Add(instrument.Symbol))
                throw new ArgumentException($"Instruments name '{instrument.Symbol}' twice.", nameof(BacktestOptions.Instruments));
            int s = symbols.IndexOf(instrument.Symbol);
            if (s < 0) continue; // an exchange's file lists every symbol; those not in the data do not matter
            _instruments[s] = instrument;
            _inverse[s] = instrument.Kind == ContractKind.Inverse;
            _tick[s] = instrument.TickSize;
            _lot[s] = instrument.LotSize;
            _tickDecimals[s] = Decimals(instrument.TickSize);
            _lotDecimals[s] = Decimals(instrument.LotSize);
            _minQuantity[s] = instrument.MinQuantity;
            _minNotional[s] = instrument.MinNotional;
            _multiplier[s] = instrument.ContractMultiplier;
            Any |= instrument.TickSize > 0 || instrument.LotSize > 0 || instrument.MinQuantity > 0 || instrument.MinNotional > 0;
            AnyInverse |= _inverse[s];
        }
    }

    /// <summary>True when some symbol of the run is an inverse contract.</summary>
    public bool AnyInverse { get; private set; }

    /// <summary>
    /// The notional a fee is charged on, before the multiplier (which <see cref="ScaleByMultiplier"/> folds into the
    /// rates): price × quantity, or quantity / price (base coin) for inverse contracts.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double FeeBase(int symbolId, double price, double quantity) => _inverse[symbolId] ? quantity / price : price * quantity;

    /// <summary>Replaces the run's fee rates (fractions of notional) for symbols whose instrument states fees.</summary>
    public void ApplyFees(double[] makerRate, double[] takerRate)
    {
        for (int s = 0; s < _instruments.Length; s++)
        {
            if (_instruments[s] is not { } instrument) continue;
            if (instrument.MakerFeeBps is { } maker) makerRate[s] = maker / 10_000.0;
            if (instrument.TakerFeeBps is { } taker) takerRate[s] = taker / 10_000.0;
        }
    }

    /// <summary>
    /// Multiplies the fee rates by each symbol's contract multiplier once per run, so that the venue's fee,
    /// price × quantity × rate, is the fee on the notional price × quantity × multiplier.
    /// </summary>
    public void ScaleByMultiplier(double[] makerRate, double[] takerRate)
    {
        for (int s = 0; s < _multiplier.Length; s++)
        {
            makerRate[s] *= _multiplier[s];
            takerRate[s] *= _multiplier[s];
        }
    }

    /// <summary>
    /// Checks a new order that passed the venue's basic checks, rounding it onto the grid first when the run rounds.
    /// <paramref name="markPrice"/> (NaN if none yet) values market orders for the minimum notional.
    /// </summary>
    public RejectReason Check(ref OrderRequest r, double markPrice)
    {
        int s = r.SymbolId;
        double quantity = r.Quantity, limit = r.LimitPrice, stop = r.StopPrice;
        bool hasLimit = r.Type == OrderType.Limit || r.Type == OrderType.StopLimit;
        bool hasStop = r.Type == OrderType.Stop || r.Type == OrderType.StopLimit;
        double tick = _tick[s], lot = _lot[s];
        if (_round)
        {
            if (lot > 0) quantity = Math.Round(Math.Floor(quantity / lot + GridTolerance) * lot, _lotDecimals[s]);
            if (tick > 0 && hasLimit)
                limit = Math.Round((r.Side == Side.Buy ? Math.Floor(limit / tick + GridTolerance) : Math.Ceiling(limit / tick - GridTolerance)) * tick, _tickDecimals[s]);
            if (tick > 0 && hasStop) stop = Math.Round(Math.Round(stop / tick) * tick, _tickDecimals[s]);
            if (!(quantity > 0)) return RejectReason.BelowMinQuantity;
            if (hasLimit && !(limit > 0)) return RejectReason.InvalidPrice;
            if (hasStop && !(stop > 0)) return RejectReason.InvalidPrice;
            r = r with { Quantity = quantity, LimitPrice = limit, StopPrice = stop };
        }
        else
        {
            if ((hasLimit && !OnGrid(limit, tick)) || (hasStop && !OnGrid(stop, tick))) return RejectReason.OffTickSize;
            if (!OnGrid(quantity, lot)) return RejectReason.OffLotSize;
        }
        if (quantity < _minQuantity[s] * (1 - 1e-12)) return RejectReason.BelowMinQuantity;
        double price = hasLimit ? limit : hasStop ? stop : markPrice;
        // A market order before any price of its symbol cannot be valued; the minimum notional is not checked then.
        // Notional in the quote currency: an inverse contract's is its face value, quantity × multiplier.
        double notional = _inverse[s] ? quantity * _multiplier[s] : quantity * price * _multiplier[s];
        if (_minNotional[s] > 0 && notional < _minNotional[s] * (1 - 1e-12)) return RejectReason.BelowMinNotional;
        return RejectReason.None;
    }

    /// <summary>
/// Checks (or rounds: quantity down to the lot, price to the nearest tick) the new price and quantity of an amend of an
/// order of <paramref name="symbolId"/>; NaN fields are kept as they are.
/// </summary>
    public RejectReason CheckAmend(ref OrderRequest r, int symbolId)
    {
        double quantity = r.Quantity, price = r.LimitPrice;
        double tick = _tick[symbolId], lot = _lot[symbolId];
        bool newPrice = !double.IsNaN(price), newQuantity = !double.IsNaN(quantity);
        if (_round)
        {
            if (newQuantity && lot > 0) quantity = Math.Round(Math.Floor(quantity / lot + GridTolerance) * lot, _lotDecimals[symbolId]);
            if (newPrice && tick > 0) price = Math.Round(Math.Round(price / tick) * tick, _tickDecimals[symbolId]);
            r = r with { Quantity = quantity, LimitPrice = price };
        }
        else
        {
            if (newPrice && !OnGrid(price, tick)) return RejectReason.OffTickSize;
            if (newQuantity && !OnGrid(quantity, lot)) return RejectReason.OffLotSize;
        }
        if (newQuantity && !(quantity >= _minQuantity[symbolId] * (1 - 1e-12) && quantity > 0)) return RejectReason.BelowMinQuantity;
        return RejectReason.None;
    }

    private static bool OnGrid(double value, double step)
    {
        if (step <= 0) return true;
        double n = value / step;
        return Math.Abs(n - Math.Round(n)) <= GridTolerance;
    }

    /// <summary>Decimal places of a step such as 0.001 (3), so that rounded values print as the step does; 0 for none.</summary>
    private static int Decimals(double step)
    {
        if (step <= 0) return 0;
        for (int d = 0; d < 15; d++)
        {
            double scaled = step * Math.Pow(10, d);
            if (Math.Abs(scaled - Math.Round(scaled)) <= 1e-9 * scaled) return d;
        }
        return 15;
    }
}
