using System.IO;
using System.Text.Json;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// In every <c>--json</c> document an undefined statistic (NaN) is <c>null</c> and an infinite one the string
/// <c>"Infinity"</c> or <c>"-Infinity"</c> (decision 0113): both were <c>null</c>, so an infinite minimum track record
/// length could not be told from an undefined statistic.
/// </summary>
public sealed class JsonNonFiniteTests
{
    [Fact]
    public void A_statistic_is_a_number_when_finite_null_when_undefined_and_a_named_string_when_infinite()
    {
        var text = new StringWriter();
        Formatting.Json(text, w =>
        {
            w.WriteStartObject();
            Formatting.WriteStatistic(w, "finite", 1.5);
            Formatting.WriteStatistic(w, "undefined", double.NaN);
            Formatting.WriteStatistic(w, "infinite", double.PositiveInfinity);
            Formatting.WriteStatistic(w, "negative_infinite", double.NegativeInfinity);
            Formatting.WriteSummary(w, "summary", default(BacktestSummary) with { ProfitFactor = double.PositiveInfinity, Sortino = double.NegativeInfinity, Cagr = double.NaN });
            w.WriteEndObject();
        });

        Assert.StartsWith("""
            {
              "finite": 1.5,
              "undefined": null,
              "infinite": "Infinity",
              "negative_infinite": "-Infinity",
              "summary": {
            """.ReplaceLineEndings("\n"), text.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("\n    \"profit_factor\": \"Infinity\",\n", text.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("\n    \"sortino\": \"-Infinity\",\n", text.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("\n    \"cagr\": null,\n", text.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("\n    \"fills\": 0,\n", text.ToString().ReplaceLineEndings("\n")); // counts stay integers
        // Standard JSON: System.Text.Json's strict reader takes it (bare NaN or Infinity tokens it refuses).
        JsonElement parsed = JsonDocument.Parse(text.ToString()).RootElement;
        Assert.Equal(JsonValueKind.Null, parsed.GetProperty("undefined").ValueKind);
        Assert.Equal("Infinity", parsed.GetProperty("infinite").GetString());
    }

    [Fact]
    public void Overfitting_json_writes_a_minimum_track_record_no_length_reaches_as_Infinity_and_undefined_statistics_as_null()
    {
        // A 50 bp taker fee: every SmaCross combination over 40 s of synthetic trades loses to fees, so the best Sharpe
        // ratio is negative. Worked by hand: MinTRL = 1 + (1 − γ3 SR + (γ4 − 1)/4 SR²)(z₀.₉₅ / (SR − 0))² is the length at
        // which the PSR reaches 95 %, and for SR ≤ 0 the PSR falls as returns are added, so no length reaches it: +∞.
        // The best combination (index 75) trades 30 round trips and wins none, so its average win is a mean over no
        // trips: undefined. Its 200 samples of 200 ms cover 40 s, less than a year, so its CAGR and Calmar ratio are
        // undefined too (decision 0102). Before, all four were null.
        var result = Cli.Run("overfitting", "-s", "SmaCross", "-d", "synthetic:events=40000,symbols=2,seed=3,interval=1000000", "--equity-interval", "200ms",
            "--blocks", "8", "--threads", "1", "--fee-bps", "50", "--json");

        Assert.Equal(0, result.ExitCode);
        string json = result.Out.ReplaceLineEndings("\n");
        JsonElement parsed = result.Json;
        Assert.True(parsed.GetProperty("best_sharpe").GetDouble() < 0);
        Assert.Equal(75, parsed.GetProperty("best_index").GetInt64());
        Assert.Equal((30, 0), (parsed.GetProperty("best_summary").GetProperty("round_trips").GetInt32(), parsed.GetProperty("best_summary").GetProperty("wins").GetInt32()));
        Assert.Contains("\n  \"min_track_record_length\": \"Infinity\",\n  \"best_summary\": {\n", json);
        Assert.Contains("\n    \"average_win\": null,\n", json);
        Assert.Contains("\n    \"cagr\": null,\n", json);
        Assert.Contains("\n    \"calmar\": null\n  }\n}\n", json);
        // The PSR and DSR are defined (finite, far below 5 %): a negative Sharpe ratio over 200 returns.
        Assert.Equal(JsonValueKind.Number, parsed.GetProperty("probabilistic_sharpe").ValueKind);
        Assert.Equal(JsonValueKind.Number, parsed.GetProperty("deflated_sharpe").ValueKind);
    }
}
