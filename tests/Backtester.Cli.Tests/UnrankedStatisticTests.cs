using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Backtester.Data;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// Decision 0105: a --by statistic that is NaN for every row orders nothing. sweep and search warn, naming the
/// statistic, why it is NaN and what would rank instead; walkforward, search halving and sweep --detail, whose choice
/// would go by grid index alone, refuse in the same words.
/// </summary>
public sealed class UnrankedStatisticTests : IDisposable
{
    private const long T0 = 1_704_067_200_000_000_000L, Second = 1_000_000_000L;

    // What the warning offers instead, in this order (RankingCheck.Alternatives).
    private static readonly string[] Alternatives = ["sharpe", "sortino", "return", "net_pnl", "max_drawdown_percent", "profit_factor", "win_rate", "expectancy", "cagr", "calmar"];

    // 20,000 trades 1 ms apart on two symbols: 20 s (the library's interval: 100 ms, the first giving at most 1,000
    // samples: 199 whole intervals and the final equity at 19.999 s, 200 returns, of 365 d / 100 ms = 315,360,000 a year).
    private const string Seconds = "synthetic:events=20000,symbols=2,seed=3,interval=1000000";

    // Twice as long, for a walk-forward of 20 s in sample.
    private const string FortySeconds = "synthetic:events=40000,symbols=2,seed=3,interval=1000000";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// One trade a second at 0, 1, ..., 40 s at a flat price. SmaCross never trades in 41 trades (its slow average waits
    /// for 500 or more), so every combination's equity stays at its capital: every return is 0, so its Sharpe and
    /// Sortino ratios are 0 / 0 = NaN, its net PnL, return and drawdown 0, its trip statistics NaN, its CAGR NaN (40 s).
    /// </summary>
    private string Flat()
    {
        string file = _dir.File("flat.arrow");
        int n = 41;
        ArrowMarketDataWriter.Write(MarketData.FromTrades("flat", ["X"], Enumerable.Range(0, n).Select(k => T0 + k * Second).ToArray(), new int[n],
            Enumerable.Repeat(100.0, n).ToArray(), Enumerable.Repeat(1.0, n).ToArray(), Enumerable.Repeat(Side.Buy, n).ToArray()), file);
        return file;
    }

    private const string FlatSharpe = "sharpe is NaN for every one of {0}, as a Sharpe ratio is NaN when the returns do not vary, and no combination's "
        + "equity moved between its samples (none closed a round trip), so {1}. None of sortino, return, net_pnl, max_drawdown_percent, "
        + "profit_factor, win_rate, expectancy, cagr or calmar tells them apart here either: they score alike on each.";

    private static string[] Warnings(Cli.Result result) => result.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();

    /// <summary>Second method for the remedy: the first four alternatives whose values differ between the rows of <c>--json</c>'s <c>top</c>.</summary>
    private static string RankBy(Cli.Result result, string by)
    {
        var rows = result.Json.GetProperty("top").EnumerateArray().Select(r => r.GetProperty("summary")).ToList();
        var differ = Alternatives.Where(name => name != by && rows.Select(r => r.GetProperty(name).ToString()).Distinct().Count() > 1).Take(4).Select(n => "--by " + n).ToList();
        Assert.NotEmpty(differ);
        return "Rank by a statistic that tells them apart here: " + (differ.Count == 1 ? differ[0] : string.Join(", ", differ.SkipLast(1)) + " or " + differ[^1]) + ".";
    }

    [Fact]
    public void A_sweep_ranked_by_cagr_over_seconds_warns_that_the_ranking_orders_nothing_and_names_what_would_rank()
    {
        var result = Cli.Run("sweep", "-s", "SmaCross", "-d", Seconds, "-o", _dir.File("sweep"), "--threads", "2", "--top", "80", "--by", "cagr", "--json");

        Assert.Equal(0, result.ExitCode);
        string[] warnings = Warnings(result);
        Assert.Equal(2, warnings.Length);
        Assert.Contains("CAGR and Calmar are NaN", warnings[0]); // the short history's (ShortHistoryTests)
        Assert.Equal("cagr is NaN for every one of the 80 combinations, as a CAGR is NaN over less than a year of returns, and these have 200, fewer "
            + "than the 315,360,000 of a year (decision 0102), so ranking by it orders nothing: the rows shown are the lowest grid indices. "
            + RankBy(result, "cagr"), warnings[1]);
        Assert.Contains("warning: " + warnings[1], result.Error);
        // The rows shown are grid indices 0, 1, ..., 79: the order of an all-NaN ranking.
        Assert.Equal(Enumerable.Range(0, 80).Select(i => (long)i), result.Json.GetProperty("top").EnumerateArray().Select(r => r.GetProperty("index").GetInt64()));
    }

    [Fact]
    public void A_sweep_whose_ranking_statistic_is_defined_gives_no_such_warning()
    {
        var result = Cli.Run("sweep", "-s", "SmaCross", "-d", Seconds, "-o", _dir.File("sweep"), "--threads", "2", "--by", "sharpe", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(Warnings(result)); // the short history's only
    }

    [Fact]
    public void A_sweep_over_data_where_nothing_trades_says_no_statistic_ranks_it_and_refuses_to_detail_an_arbitrary_best()
    {
        string data = Flat();
        var sweep = Cli.Run("sweep", "-s", "SmaCross", "-d", data, "-o", _dir.File("sweep"), "--threads", "2", "--json");
        Assert.Equal(0, sweep.ExitCode); // --by net_pnl, the default: 0 for all, tied, not NaN: no warning of its own
        Assert.DoesNotContain(Warnings(sweep), w => w.StartsWith("net_pnl", StringComparison.Ordinal));

        var warned = Cli.Run("sweep", "-s", "SmaCross", "-d", data, "-o", _dir.File("sweep"), "--threads", "2", "--by", "sharpe", "--json");
        Assert.Equal(0, warned.ExitCode);
        Assert.Equal(string.Format(FlatSharpe, "the 80 combinations", "ranking by it orders nothing: the rows shown are the lowest grid indices"), Warnings(warned)[^1]);

        string folder = _dir.File("detailed");
        var detail = Cli.Run("sweep", "-s", "SmaCross", "-d", data, "-o", folder, "--threads", "2", "--by", "sharpe", "--detail", "top:3");
        Assert.Equal(1, detail.ExitCode);
        string table = Path.Combine(folder, "sweep.arrow");
        Assert.Contains("error: --detail top:3: " + string.Format(FlatSharpe, "the 80 combinations", "there are no best 3 to re-run")
            + $" No detail folder was written; the sweep table {table} is complete.", detail.Error);
        Assert.True(File.Exists(table));
        Assert.False(Directory.Exists(Path.Combine(folder, "detail")));

        // A shard of two combinations detailed both: the choice takes every row, so it depends on no ranking.
        string shard = _dir.File("shard");
        var both = Cli.Run("sweep", "-s", "SmaCross", "-d", data, "-o", shard, "--shard", "0/40", "--by", "sharpe", "--detail", "top:2", "-q");
        Assert.Equal(0, both.ExitCode);
        Assert.Equal(["index-0", "index-1"], Directory.GetDirectories(Path.Combine(shard, "detail")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_walkforward_whose_in_sample_trials_are_all_nan_is_refused_naming_the_window()
    {
        // 20 s in sample every 500 ms: boundaries 0.5 .. 19.5 s and the final equity at 19.999 s, 40 returns, of the
        // 365 d / 500 ms = 63,072,000 of a year. SmaCross's 80 combinations trade differently over 20,000 trades, so
        // their Sharpe ratios differ: sharpe is the first thing that would rank them.
        var result = Cli.Run("walkforward", "-s", "SmaCross", "-d", FortySeconds, "-o", _dir.File("wf"), "--in-sample", "20s", "--out-of-sample", "5s",
            "--equity-interval", "500ms", "--threads", "2", "--by", "cagr");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: window 0 (in sample 2024-01-01T00:00:00.000000000Z to 2024-01-01T00:00:20.000000000Z): cagr is NaN for every one of its "
            + "80 in-sample combinations, as a CAGR is NaN over less than a year of returns, and these have 40, fewer than the 63,072,000 of a year "
            + "(decision 0102), so there is no best to choose. Rank by a statistic that tells them apart here: --by sharpe", result.Error);
        Assert.False(File.Exists(_dir.File(Path.Combine("wf", "summary.arrow"))));

        // Where nothing trades, Sharpe (the default) is NaN for every trial, and nothing else tells them apart.
        var flat = Cli.Run("walkforward", "-s", "SmaCross", "-d", Flat(), "-o", _dir.File("flat"), "--in-sample", "20s", "--out-of-sample", "10s",
            "--equity-interval", "5s", "--threads", "1");
        Assert.Equal(1, flat.ExitCode);
        Assert.Equal("error: window 0 (in sample 2024-01-01T00:00:00.000000000Z to 2024-01-01T00:00:20.000000000Z): "
            + string.Format(FlatSharpe, "its 80 in-sample combinations", "there is no best to choose"), flat.Error.Trim());
    }

    [Fact]
    public void A_halving_rung_whose_candidates_are_all_nan_is_refused_and_a_random_search_warns()
    {
        // Rung 0 of 3 with eta 3 runs the 80 candidates over the first 1/9 of the span: ⌈19,999,000,001 ns / 9⌉ =
        // 2,222,111,112 ns, before 00:00:02.222111112. Sampled every 10 ms (the rule for that first prefix, 2.2 ms per
        // 1/1000 of it, decision 0122): boundaries 0.01 .. 2.22 s and the final equity at 2.222 s, 223 returns. It would
        // keep ⌈80 / 3⌉ = 27.
        var halving = Cli.Run("search", "halving", "-s", "SmaCross", "-d", Seconds, "-o", _dir.File("halving"), "--by", "cagr", "--threads", "2");

        Assert.Equal(1, halving.ExitCode);
        Assert.StartsWith("error: rung 0 (the first 1/9 of the data, before 2024-01-01T00:00:02.222111112Z): cagr is NaN for every one of its 80 candidates, "
            + "as a CAGR is NaN over less than a year of returns, and these have 223, fewer than the 3,153,600,000 of a year (decision 0102), so there are "
            + "no best 27 to keep. Rank by a statistic that tells them apart here: ", halving.Error);
        Assert.True(File.Exists(_dir.File(Path.Combine("halving", "halving-rung-0.arrow"))));
        Assert.False(File.Exists(_dir.File(Path.Combine("halving", "halving-rung-1.arrow"))));
        // Rung 0's table does not depend on --by: resumed by Sharpe ratio, the search goes on from it.
        var resumed = Cli.Run("search", "halving", "-s", "SmaCross", "-d", Seconds, "-o", _dir.File("halving"), "--by", "sharpe", "--threads", "2", "--resume", "--json");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(new[] { 80, 27, 9 }, resumed.Json.GetProperty("rungs").EnumerateArray().Select(v => v.GetInt32()));

        var random = Cli.Run("search", "random", "-s", "SmaCross", "-d", Seconds, "-o", _dir.File("random"), "--samples", "6", "--top", "6", "--by", "cagr", "--json");
        Assert.Equal(0, random.ExitCode);
        Assert.Equal("cagr is NaN for every one of the 6 combinations, as a CAGR is NaN over less than a year of returns, and these have 200, fewer "
            + "than the 315,360,000 of a year (decision 0102), so ranking by it orders nothing: the rows shown are the lowest grid indices. "
            + RankBy(random, "cagr"), Warnings(random)[^1]);
    }
}
