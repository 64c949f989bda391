using System;
using System.Collections.Generic;
using Backtester.Accounting;
using Backtester.Data;

namespace Backtester.Execution;

/// <summary>
/// The fee of each fill: maker or taker rate of its symbol (options, then the instruments' fees, then
/// <see cref="BacktestOptions.SymbolFees"/>, scaled by the contract multiplier) times its notional, plus the fixed
/// <see cref="BacktestOptions.FeePerFill"/> (docs/execution.md#fees): the rates a run's fee model
/// (<see cref="LinearFees"/>, <see cref="InstrumentFees"/>) charges, resolved once per run. Reused across runs.
/// </summary>
internal sealed class VenueFees
{
    private double[] _makerRate = Array.Empty<double>();
    private double[] _takerRate = Array.Empty<double>();

    /// <summary>Maker rate of each symbol (a fraction of notional, times the contract multiplier).</summary>
    public double[] MakerRates => _makerRate;

    /// <summary>Taker rate of each symbol (a fraction of notional, times the contract multiplier).</summary>
    public double[] TakerRates => _takerRate;

    /// <summary>The fixed fee of every fill (<see cref="BacktestOptions.FeePerFill"/>).</summary>
    public double PerFill { get; private set; }

    public void Reset(BacktestOptions options, SymbolTable symbols, Account account)
    {
        int n = symbols.Count;
        if (_makerRate.Length != n)
        {
            _makerRate = new double[n];
            _takerRate = new double[n];
        }
        ArrayFill.With(_makerRate, options.MakerFeeBps / 10_000.0);
        ArrayFill.With(_takerRate, options.TakerFeeBps / 10_000.0);
        InstrumentRules instruments = account.Instruments;
        instruments.ApplyFees(_makerRate, _takerRate);
        if (options.SymbolFees is { } fees) ResolveSymbolFees(fees, symbols);
        instruments.ScaleByMultiplier(_makerRate, _takerRate);
        PerFill = options.FeePerFill;
    }

    private void ResolveSymbolFees(IReadOnlyDictionary<string, FeeSchedule> fees, SymbolTable symbols)
    {
        foreach (var (name, schedule) in fees)
        {
            int s = symbols.IndexOf(name);
            if (s < 0)
                throw new ArgumentException($"SymbolFees names '{name}', which is not a symbol of the data.", nameof(BacktestOptions.SymbolFees));
            if (!(schedule.MakerBps >= -BacktestOptions.MaxRateBps && schedule.MakerBps <= BacktestOptions.MaxRateBps)
                || !(schedule.TakerBps >= 0 && schedule.TakerBps <= BacktestOptions.MaxRateBps))
                throw new ArgumentOutOfRangeException(nameof(BacktestOptions.SymbolFees), schedule,
                    $"Fees of '{name}': maker must be between -{BacktestOptions.MaxRateBps} and {BacktestOptions.MaxRateBps} bps, taker between 0 and {BacktestOptions.MaxRateBps} (BacktestOptions.MaxRateBps, the whole notional).");
            _makerRate[s] = schedule.MakerBps / 10_000.0;
            _takerRate[s] = schedule.TakerBps / 10_000.0;
        }
    }
}
