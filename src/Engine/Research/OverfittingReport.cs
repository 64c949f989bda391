using System;

namespace Backtester.Research;

/// <summary>The outcome of <see cref="BacktestOverfitting.Cscv"/>: one logit and one in/out-of-sample pair per combination of blocks.</summary>
public sealed class OverfittingReport
{
    internal OverfittingReport(int trials, int periods, int blocks, CscvStatistic statistic, double[] logits, double[] inSample, double[] outOfSample)
    {
        Trials = trials;
        Periods = periods;
        Blocks = blocks;
        Statistic = statistic;
        Logits = logits;
        InSample = inSample;
        OutOfSample = outOfSample;
        int overfit = 0, losses = 0;
        foreach (double l in logits) if (l <= 0) overfit++;
        foreach (double s in outOfSample) if (s < 0) losses++;
        Probability = (double)overfit / logits.Length;
        ProbabilityOfLoss = (double)losses / outOfSample.Length;
    }

    /// <summary>N, the number of trials.</summary>
    public int Trials { get; }

    /// <summary>The periods used (T minus the rows dropped to make the blocks equal).</summary>
    public int Periods { get; }

    /// <summary>S, the number of blocks.</summary>
    public int Blocks { get; }

    /// <summary>The statistic the trials were chosen and ranked by in each set.</summary>
    public CscvStatistic Statistic { get; }

    /// <summary>PBO: the fraction of combinations whose in-sample best trial ranked at or below the out-of-sample median (logit ≤ 0).</summary>
    public double Probability { get; }

    /// <summary>The fraction of combinations whose in-sample best trial scored below zero out of sample (<see cref="Statistic"/>: a negative mean return for the ratios, a loss for the return).</summary>
    public double ProbabilityOfLoss { get; }

    /// <summary>λ = ln(ω / (1 − ω)) per combination, in the order of the combinations.</summary>
    public ReadOnlyMemory<double> Logits { get; }

    /// <summary>The in-sample best trial's <see cref="Statistic"/> (per period) on the training set, per combination.</summary>
    public ReadOnlyMemory<double> InSample { get; }

    /// <summary>The same trial's <see cref="Statistic"/> (per period) on the test set, per combination.</summary>
    public ReadOnlyMemory<double> OutOfSample { get; }
}
