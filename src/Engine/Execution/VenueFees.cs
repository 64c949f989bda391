using System;
using System.Collections.Generic;
using Backtester.Accounting;
using Backtester.Data;

namespace Backtester.Execution;

/// <summary>
/// The fee of each fill: maker or taker rate of its symbol (options, then the instruments' fees, then
/// <see cref="BacktestOptions.SymbolFees"/>, scaled by the contract multiplier) times its notional, plus the fixed
/// <see cref="BacktestOptions.FeePerFill"/> (docs/execution.md#fees). Reused across runs.
/// </summary>
internal sealed class VenueFees
{
    private double[] _makerRate = Array.Empty<double>();
    private double[] _takerRate = Array.Empty<double>();
    private double _perFill;
    private InstrumentRules _instruments = null!;

    public void Reset(BacktestOptions options, SymbolTable symbols, Account account)
    {
        int n = symbols.Count;
        if (_makerRate.Length != n)
        {
            _makerRate = new double[n];
            _takerRate = new double[n];
        }
        Array.Fill(_makerRate, options.MakerFeeBps / 10_000.0);
        Array.Fill(_takerRate, options.TakerFeeBps / 10_000.0);
        _instruments = account.Instruments;
        _instruments.ApplyFees(_makerRate, _takerRate);
        if (options.SymbolFees is { } fees) ResolveSymbolFees(fees, symbols);
        _instruments.ScaleByMultiplier(_makerRate, _takerRate);
        _perFill = options.FeePerFill;
    }

    private void ResolveSymbolFees(IReadOnlyDictionary<string, FeeSchedule> fees, SymbolTable symbols)
    {
        foreach (var (name, schedule) in fees)
        {
            int s = symbols.IndexOf(name);
            if (s < 0)
                throw new ArgumentException($"SymbolFees names '{name}', which is not a symbol of the data.", nameof(BacktestOptions.SymbolFees));
            if (!double.IsFinite(schedule.MakerBps) || !(schedule.TakerBps >= 0) || double.IsInfinity(schedule.TakerBps))
                throw new ArgumentOutOfRangeException(nameof(BacktestOptions.SymbolFees), schedule, $"Fees of '{name}': maker must be finite, taker non-negative and finite.");
            _makerRate[s] = schedule.MakerBps / 10_000.0;
            _takerRate[s] = schedule.TakerBps / 10_000.0;
        }
    }

    /// <summary>The fee of a fill of <paramref name="quantity"/> of <paramref name="symbolId"/> at <paramref name="price"/> (inverse contracts: on their coin notional).</summary>
    public double Of(int symbolId, double price, double quantity, bool isMaker)
    {
        double notional = _instruments.AnyInverse ? _instruments.FeeBase(symbolId, price, quantity) : price * quantity;
        return notional * (isMaker ? _makerRate[symbolId] : _takerRate[symbolId]) + _perFill;
    }
}
