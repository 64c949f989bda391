using System;
using Backtester.Research;
using Xunit;

namespace Backtester.Engine.Tests.Research;

public class SharpeRatioInferenceTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]      // tables of Φ (Abramowitz and Stegun 26.2)
    [InlineData(-1.96, 0.024997895148220435)]
    [InlineData(3.0, 0.9986501019683699)]
    [InlineData(-5.0, 2.866515718791939e-07)]
    public void Normal_cdf_matches_tabulated_values(double x, double expected) =>
        Assert.Equal(expected, StandardNormal.Cdf(x), Math.Max(expected, 1e-12) * 1e-13);

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.99, 2.3263478740408408)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.5, 0.0)]
    public void Inverse_normal_cdf_matches_tabulated_quantiles(double p, double expected) =>
        Assert.Equal(expected, StandardNormal.InverseCdf(p), 1e-12);

    [Fact]
    public void Inverse_cdf_inverts_the_cdf_across_the_range()
    {
        for (double p = 1e-12; p < 1; p = p < 0.01 ? p * 10 : p + 0.01)
            Assert.Equal(p, StandardNormal.Cdf(StandardNormal.InverseCdf(p)), p * 1e-12 + 1e-15);
    }

    [Fact]
    public void Deflated_sharpe_reproduces_the_numerical_example_of_bailey_and_lopez_de_prado_2014()
    {
        // "The Deflated Sharpe Ratio" (2014), numerical example: N = 100 trials whose annualized Sharpe ratios have
        // variance 1/2, the best has annualized SR 2.5 over five years of daily returns (T = 1250, 250 a year),
        // skewness −3, kurtosis 10. The paper gets SR0 ≈ 0.1132 (per day) and DSR ≈ 0.9004.
        double variance = 0.5 / 250, sharpe = 2.5 / Math.Sqrt(250);
        double sr0 = SharpeRatioInference.ExpectedMaximumSharpe(variance, 100);
        double dsr = SharpeRatioInference.DeflatedSharpeRatio(sharpe, variance, 100, 1250, -3, 10);

        // By hand: Φ⁻¹(0.99) = 2.326348, Φ⁻¹(1 − 1/(100 e)) = 2.680210, γ = 0.577216
        double byHand = Math.Sqrt(variance) * ((1 - 0.5772156649) * 2.3263478740 + 0.5772156649 * 2.6802104450);
        Assert.Equal(byHand, sr0, 9);
        Assert.Equal(0.1132, sr0, 4);
        Assert.Equal(0.9004, dsr, 4);
    }

    [Fact]
    public void Probabilistic_sharpe_follows_the_2012_formula_with_and_without_fat_tails()
    {
        // Bailey and López de Prado (2012): PSR = Φ[(SR − SR*)√(T − 1) / √(1 − γ3 SR + (γ4 − 1)/4 SR²)].
        // SR 0.5, normal returns: dispersion 1 + 2/4 × 0.25 = 1.125; T = 19 gives 0.5 × √18 / √1.125 = 2 exactly.
        Assert.Equal(0.9772498680518208, SharpeRatioInference.ProbabilisticSharpeRatio(0.5, 0, 19, 0, 3), 12);
        // Skewness −1, kurtosis 5: dispersion 1 + 0.5 + 1 × 0.25 = 1.75, and it takes T = 29 for the same z = 2.
        Assert.Equal(0.9772498680518208, SharpeRatioInference.ProbabilisticSharpeRatio(0.5, 0, 29, -1, 5), 12);
        // Against a benchmark of 0.25 with T = 19: z = 0.25 × √18 / √1.125 = 1, Φ(1).
        Assert.Equal(0.8413447460685429, SharpeRatioInference.ProbabilisticSharpeRatio(0.5, 0.25, 19, 0, 3), 12);
    }

    [Fact]
    public void Minimum_track_record_length_is_where_psr_reaches_the_confidence()
    {
        // MinTRL = 1 + dispersion × (Φ⁻¹(c) / (SR − SR*))²; with c = Φ(2): 1 + 1.125 × 16 = 19 and 1 + 1.75 × 16 = 29.
        double c = StandardNormal.Cdf(2);
        Assert.Equal(19, SharpeRatioInference.MinimumTrackRecordLength(0.5, 0, 0, 3, c), 9);
        Assert.Equal(29, SharpeRatioInference.MinimumTrackRecordLength(0.5, 0, -1, 5, c), 9);
        double minTrl = SharpeRatioInference.MinimumTrackRecordLength(0.08, 0.02, -0.7, 6.5, 0.95);
        Assert.Equal(0.95, SharpeRatioInference.ProbabilisticSharpeRatio(0.08, 0.02, (long)Math.Ceiling(minTrl), -0.7, 6.5), 2);
        Assert.True(SharpeRatioInference.ProbabilisticSharpeRatio(0.08, 0.02, (long)Math.Ceiling(minTrl), -0.7, 6.5) >= 0.95);
        Assert.True(SharpeRatioInference.ProbabilisticSharpeRatio(0.08, 0.02, (long)Math.Floor(minTrl) - 1, -0.7, 6.5) < 0.95);
        Assert.Equal(double.PositiveInfinity, SharpeRatioInference.MinimumTrackRecordLength(0.1, 0.2, 0, 3));
    }

    [Fact]
    public void More_trials_raise_the_bar_and_lower_the_deflated_sharpe()
    {
        double one = SharpeRatioInference.DeflatedSharpeRatio(0.1, 0.002, 1, 500, 0, 3);
        double many = SharpeRatioInference.DeflatedSharpeRatio(0.1, 0.002, 1000, 500, 0, 3);
        Assert.Equal(SharpeRatioInference.ProbabilisticSharpeRatio(0.1, 0, 500, 0, 3), one, 15);
        Assert.True(many < one);
    }

    [Fact]
    public void Inconsistent_inputs_are_refused_with_the_argument_named()
    {
        Assert.Equal("observations", Assert.Throws<ArgumentOutOfRangeException>(() => SharpeRatioInference.ProbabilisticSharpeRatio(0.1, 0, 1, 0, 3)).ParamName);
        Assert.Equal("kurtosis", Assert.Throws<ArgumentOutOfRangeException>(() => SharpeRatioInference.ProbabilisticSharpeRatio(0.1, 0, 10, 0, 0.5)).ParamName);
        Assert.Equal("trials", Assert.Throws<ArgumentOutOfRangeException>(() => SharpeRatioInference.ExpectedMaximumSharpe(0.1, 0)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.InverseCdf(1.5)).ParamName);
    }
}
