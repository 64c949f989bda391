using System;

namespace Backtester.Research;

/// <summary>
/// How much a measured Sharpe ratio can be trusted: the probabilistic Sharpe ratio and minimum track record length of
/// Bailey and López de Prado (2012), "The Sharpe Ratio Efficient Frontier", Journal of Risk 15(2), and the deflated
/// Sharpe ratio of Bailey and López de Prado (2014), "The Deflated Sharpe Ratio: Correcting for Selection Bias,
/// Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5).
/// </summary>
/// <remarks>
/// Every Sharpe ratio here is per period (not annualized: divide an annualized one by √(periods per year)), with the
/// number of returns T it was measured on, and the returns' skewness γ3 and (non-excess) kurtosis γ4, as
/// <see cref="Statistics.SeriesAccumulator"/> reports them.
/// </remarks>
public static class SharpeRatioInference
{
    /// <summary>The Euler–Mascheroni constant γ.</summary>
    public const double EulerMascheroni = 0.57721566490153286;

    /// <summary>
    /// PSR(SR*) = Φ[(SR − SR*) √(T − 1) / √(1 − γ3 SR + (γ4 − 1) / 4 SR²)]: the probability that the true Sharpe ratio
    /// exceeds <paramref name="benchmark"/> given <paramref name="sharpe"/> measured on <paramref name="observations"/>
    /// returns (Bailey and López de Prado 2012, the probabilistic Sharpe ratio).
    /// </summary>
    public static double ProbabilisticSharpeRatio(double sharpe, double benchmark, long observations, double skewness, double kurtosis)
    {
        Check(sharpe, observations, skewness, kurtosis);
        if (!double.IsFinite(benchmark)) throw new ArgumentOutOfRangeException(nameof(benchmark), benchmark, "The benchmark Sharpe ratio must be finite.");
        return StandardNormal.Cdf((sharpe - benchmark) * Math.Sqrt(observations - 1) / Math.Sqrt(Dispersion(sharpe, skewness, kurtosis)));
    }

    /// <summary>
    /// MinTRL = 1 + (1 − γ3 SR + (γ4 − 1) / 4 SR²) (Φ⁻¹(confidence) / (SR − SR*))²: the number of returns needed for
    /// PSR(SR*) to reach <paramref name="confidence"/> (Bailey and López de Prado 2012, minimum track record length);
    /// +∞ when <paramref name="sharpe"/> is not above <paramref name="benchmark"/>.
    /// </summary>
    public static double MinimumTrackRecordLength(double sharpe, double benchmark, double skewness, double kurtosis, double confidence = 0.95)
    {
        Check(sharpe, 2, skewness, kurtosis);
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence must be within (0, 1).");
        if (!(sharpe > benchmark)) return double.PositiveInfinity;
        double z = StandardNormal.InverseCdf(confidence) / (sharpe - benchmark);
        return 1 + Dispersion(sharpe, skewness, kurtosis) * z * z;
    }

    /// <summary>
    /// SR0 = √V[SR_n] ((1 − γ) Φ⁻¹[1 − 1/N] + γ Φ⁻¹[1 − 1/(N e)]): the expected maximum of <paramref name="trials"/>
    /// Sharpe ratios of strategies with no skill whose estimates vary with <paramref name="sharpeVariance"/> (Bailey and
    /// López de Prado 2014, the deflated Sharpe ratio's threshold, after the false strategy theorem). 0 for one trial.
    /// </summary>
    public static double ExpectedMaximumSharpe(double sharpeVariance, long trials)
    {
        if (!(sharpeVariance >= 0) || double.IsInfinity(sharpeVariance))
            throw new ArgumentOutOfRangeException(nameof(sharpeVariance), sharpeVariance, "The variance of the trials' Sharpe ratios must be non-negative and finite.");
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), trials, "At least one trial must have been run.");
        if (trials == 1) return 0;
        double n = trials;
        return Math.Sqrt(sharpeVariance) * ((1 - EulerMascheroni) * StandardNormal.InverseCdf(1 - 1 / n) + EulerMascheroni * StandardNormal.InverseCdf(1 - 1 / (n * Math.E)));
    }

    /// <summary>
    /// DSR = PSR(SR0) with SR0 = <see cref="ExpectedMaximumSharpe"/>(<paramref name="sharpeVariance"/>, <paramref name="trials"/>):
    /// the probability that the best of <paramref name="trials"/> backtests has a true Sharpe ratio above zero, after
    /// correcting for the selection among trials and for non-normal returns (Bailey and López de Prado 2014).
    /// </summary>
    /// <param name="sharpe">The selected (best) trial's per-period Sharpe ratio.</param>
    /// <param name="sharpeVariance">The variance of the per-period Sharpe ratios across all trials.</param>
    /// <param name="trials">The number of trials actually run (every combination tried, not only the reported ones).</param>
    /// <param name="observations">The number of returns of the selected trial.</param>
    /// <param name="skewness">The selected trial's return skewness.</param>
    /// <param name="kurtosis">The selected trial's return kurtosis (3 for normal returns).</param>
    public static double DeflatedSharpeRatio(double sharpe, double sharpeVariance, long trials, long observations, double skewness, double kurtosis) =>
        ProbabilisticSharpeRatio(sharpe, ExpectedMaximumSharpe(sharpeVariance, trials), observations, skewness, kurtosis);

    /// <summary>The variance of the Sharpe ratio estimate times T − 1: 1 − γ3 SR + (γ4 − 1) / 4 SR².</summary>
    private static double Dispersion(double sharpe, double skewness, double kurtosis) => 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;

    private static void Check(double sharpe, long observations, double skewness, double kurtosis)
    {
        if (!double.IsFinite(sharpe)) throw new ArgumentOutOfRangeException(nameof(sharpe), sharpe, "The Sharpe ratio must be finite.");
        if (observations < 2) throw new ArgumentOutOfRangeException(nameof(observations), observations, "At least two returns are needed.");
        if (!double.IsFinite(skewness)) throw new ArgumentOutOfRangeException(nameof(skewness), skewness, "The skewness must be finite.");
        if (!(kurtosis >= 1) || double.IsInfinity(kurtosis)) throw new ArgumentOutOfRangeException(nameof(kurtosis), kurtosis, "The kurtosis (non-excess, 3 for normal returns) must be finite and at least 1.");
        if (!(Dispersion(sharpe, skewness, kurtosis) > 0))
            throw new ArgumentOutOfRangeException(nameof(skewness), skewness, $"1 − skewness × SR + (kurtosis − 1)/4 × SR² is not positive for SR {sharpe}, skewness {skewness}, kurtosis {kurtosis}; the moments are inconsistent.");
    }
}
