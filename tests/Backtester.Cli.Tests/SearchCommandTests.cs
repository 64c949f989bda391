using System.IO;
using System.Linq;
using Backtester.Engine.Tests;
using Backtester.Research;
using Xunit;

namespace Backtester.Cli.Tests;

public class SearchCommandTests
{
    private const string Data = "synthetic:events=20000,symbols=2,seed=3";

    [Fact]
    public void Random_search_runs_the_drawn_indices_and_its_shards_merge_into_its_table()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("search", "random", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--samples", "12", "--seed", "9", "--top", "12", "--json");
        Assert.Equal(0, result.ExitCode);
        long[] drawn = RandomSearch.SampleIndices(80, 12, 9);
        var top = result.Json.GetProperty("top").EnumerateArray().Select(r => r.GetProperty("index").GetInt64()).OrderBy(i => i);
        Assert.Equal(drawn, top);

        var table = ArrowJs.Read(Path.Combine(dir.Path, "search.arrow"));
        Assert.Equal(drawn.Select(i => i.ToString()), table.GetProperty("columns").GetProperty("index").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("9", table.GetProperty("metadata").GetProperty(RandomSearch.SeedKey).GetString());

        string shards = Path.Combine(dir.Path, "shards");
        Assert.Equal(0, Cli.Run("search", "random", "-s", "SmaCross", "-d", Data, "-o", shards, "--samples", "12", "--seed", "9", "--shard", "1/2", "-q").ExitCode);
        Assert.Equal(0, Cli.Run("search", "random", "-s", "SmaCross", "-d", Data, "-o", shards, "--samples", "12", "--seed", "9", "--shard", "0/2", "-q").ExitCode);
        string merged = Path.Combine(dir.Path, "merged.arrow");
        Assert.Equal(0, Cli.Run("sweep", "merge", "--out", merged, Path.Combine(shards, "search-shard-0-of-2.arrow"), Path.Combine(shards, "search-shard-1-of-2.arrow")).ExitCode);
        Assert.Equal(table.GetProperty("columns").ToString(), ArrowJs.Read(merged).GetProperty("columns").ToString());
    }

    [Fact]
    public void Halving_writes_one_sweep_table_per_rung_with_a_third_kept_each_time()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("search", "halving", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--eta", "3", "--rungs", "3", "--by", "net_pnl", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { 80, 27, 9 }, result.Json.GetProperty("rungs").EnumerateArray().Select(v => v.GetInt32()));
        for (int r = 0; r < 3; r++)
            Assert.Equal(new[] { 80, 27, 9 }[r], ArrowJs.Read(Path.Combine(dir.Path, $"halving-rung-{r}.arrow")).GetProperty("rows").GetInt32());
    }

    [Fact]
    public void Halving_without_an_equity_interval_samples_every_rung_by_the_rule_for_the_first_prefix()
    {
        // 30,000 trades a minute apart (20.8 days): the whole span's rule samples daily, three returns in the first
        // ninth. The first prefix, 3,333.3 min: 200 s per 1/1000 of it, 10 min for every rung (decision 0122); the last
        // rung's 29,999 min take 2,999 boundaries and the final sample.
        using var dir = new TempDirectory();
        var result = Cli.Run("search", "halving", "-s", "SmaCross", "-d", "synthetic:events=30000,symbols=2,seed=5,interval=60000000000", "-o", dir.Path,
            "--eta", "3", "--rungs", "3", "--json");
        Assert.Equal(0, result.ExitCode);
        for (int r = 0; r < 3; r++)
            Assert.Equal("600000000000", Backtester.Results.ResultMetadata.Read(Path.Combine(dir.Path, $"halving-rung-{r}.arrow")).Options["equity_sample_interval_ns"]);
        Assert.StartsWith("the equity samples cover 20.83d (3,000 returns of 10m), less than the 52,560 returns of a year",
            Assert.Single(result.Json.GetProperty("warnings").EnumerateArray()).GetString());
    }

    [Fact]
    public void Halving_refuses_to_resume_from_rung_tables_of_another_search_naming_the_file()
    {
        using var dir = new TempDirectory();
        string[] search = ["search", "halving", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--rungs", "3", "-q"];
        Assert.Equal(0, Cli.Run([.. search, "--by", "net_pnl"]).ExitCode);
        File.Delete(Path.Combine(dir.Path, "halving-rung-2.arrow"));

        // Another fee: rung 0's table holds results this search would not give.
        var fee = Cli.Run([.. search, "--by", "net_pnl", "--fee-bps", "5", "--resume"]);
        Assert.Equal(1, fee.ExitCode);
        Assert.Contains($"{Path.Combine(dir.Path, "halving-rung-0.arrow")}: the rung table was written by another search: option taker_fee_bps: 5 now, 0 in the table.", fee.Error);
        Assert.Contains("Resume with the settings that wrote it, or run again with --fresh to search again from the start.", fee.Error);

        // Another objective: rung 0 is the same, rung 1 holds the survivors of another ranking (an internal error before).
        var by = Cli.Run([.. search, "--by", "sharpe", "--resume"]);
        Assert.Equal(1, by.ExitCode);
        Assert.Contains($"{Path.Combine(dir.Path, "halving-rung-1.arrow")}: the rung table was written by another search: candidates: 27 now, 27 rows in the table; row ", by.Error);
        Assert.False(File.Exists(Path.Combine(dir.Path, "halving-rung-2.arrow")));

        Assert.Equal(0, Cli.Run([.. search, "--by", "net_pnl", "--resume"]).ExitCode);
        Assert.True(File.Exists(Path.Combine(dir.Path, "halving-rung-2.arrow")));

        // The other remedy: --fresh searches again with the new fee, replacing the tables, and a resume then reads them.
        Assert.Equal(0, Cli.Run([.. search, "--by", "net_pnl", "--fee-bps", "5", "--fresh"]).ExitCode);
        Assert.Equal(0, Cli.Run([.. search, "--by", "net_pnl", "--fee-bps", "5", "--resume"]).ExitCode);
    }

    [Fact]
    public void Overfitting_reports_pbo_over_every_split_and_deflates_the_best_sharpe()
    {
        var result = Cli.Run("overfitting", "-s", "SmaCross", "-d", "synthetic:events=40000,symbols=2,seed=3,interval=1000000", "--equity-interval", "200ms",
            "--blocks", "8", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal(80, json.GetProperty("trials").GetInt64());
        Assert.Equal(70, json.GetProperty("splits").GetInt32()); // C(8, 4)
        Assert.InRange(json.GetProperty("probability_of_backtest_overfitting").GetDouble(), 0, 1);
        // DSR is PSR against a threshold above zero, so it cannot exceed PSR(0).
        Assert.True(json.GetProperty("deflated_sharpe").GetDouble() <= json.GetProperty("probabilistic_sharpe").GetDouble());
    }

    [Theory]
    [InlineData("random", ".search.arrow.parts")]
    [InlineData("halving", ".halving-rung-0.arrow.parts")]
    public void A_search_that_finds_a_journal_needs_resume_or_fresh_and_fresh_discards_it(string kind, string journalName)
    {
        using var dir = new TempDirectory();
        string journal = Path.Combine(dir.Path, journalName);
        Directory.CreateDirectory(journal);
        string part = Path.Combine(journal, "0000000000000000000-0000000000000000001-g000.arrow");
        File.WriteAllText(part, "saved progress");
        string[] search = kind == "random"
            ? ["search", "random", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--samples", "6", "-q"]
            : ["search", "halving", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--rungs", "2", "-q"];

        var refused = Cli.Run(search);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: {journal} holds the journal of an interrupted search; nothing was deleted. Pass --resume to continue it, or --fresh to discard it and start over.", refused.Error.Trim());
        Assert.Equal("saved progress", File.ReadAllText(part));

        var both = Cli.Run([.. search, "--resume", "--fresh"]);
        Assert.Equal(1, both.ExitCode);
        Assert.Equal("error: --resume and --fresh exclude each other: continue the journal, or discard it.", both.Error.Trim());

        var fresh = Cli.Run([.. search, "--fresh"]);
        Assert.Equal(0, fresh.ExitCode);
        Assert.False(Directory.Exists(journal));
        Assert.True(File.Exists(Path.Combine(dir.Path, kind == "random" ? "search.arrow" : "halving-rung-1.arrow")));
    }

    [Theory]
    [InlineData("random", "--samples", "6", "auto")]
    // Halving samples by its first prefix (decision 0122): a third of 19,999 µs, 6.7 µs per 1/1000 of it: 10 µs.
    [InlineData("halving", "--rungs", "2", "10us")]
    public void A_search_over_less_than_a_year_warns_as_the_sweep_of_the_same_data_does(string kind, string option, string value, string interval)
    {
        using var dir = new TempDirectory();
        // The sweep's warning (ShortHistoryTests check its text) is the same for every row of the same data and options.
        var sweep = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", Path.Combine(dir.Path, "sweep"), "--equity-interval", interval, "--json");
        Assert.Equal(0, sweep.ExitCode);
        string expected = sweep.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).Single(w => w.Contains("CAGR and Calmar are NaN"));

        var search = Cli.Run("search", kind, "-s", "SmaCross", "-d", Data, "-o", Path.Combine(dir.Path, kind), option, value, "--json");
        Assert.Equal(0, search.ExitCode);
        Assert.Equal([expected], search.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("warning: " + expected, search.Error);
        Assert.True(search.Json.GetProperty("top")[0].GetProperty("summary").GetProperty("cagr").ValueKind == System.Text.Json.JsonValueKind.Null);

        var quiet = Cli.Run("search", kind, "-s", "SmaCross", "-d", Data, "-o", Path.Combine(dir.Path, kind + "-q"), option, value, "-q");
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Error.Trim());
    }

    [Fact]
    public void A_halving_of_fewer_rungs_into_the_same_folder_leaves_no_rung_table_of_the_earlier_search()
    {
        using var dir = new TempDirectory();
        string[] search = ["search", "halving", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "-q"];
        Assert.Equal(0, Cli.Run([.. search, "--rungs", "3"]).ExitCode);
        Assert.True(File.Exists(Path.Combine(dir.Path, "halving-rung-2.arrow")));

        Assert.Equal(0, Cli.Run([.. search, "--rungs", "2"]).ExitCode);
        Assert.False(File.Exists(Path.Combine(dir.Path, "halving-rung-2.arrow")));
        // Rung 1 is now the last, over all the data: 27 of the 80 candidates survive rung 0 with eta 3.
        Assert.Equal(27, ArrowJs.Read(Path.Combine(dir.Path, "halving-rung-1.arrow")).GetProperty("rows").GetInt32());
        Assert.Equal(80, ArrowJs.Read(Path.Combine(dir.Path, "halving-rung-0.arrow")).GetProperty("rows").GetInt32());
    }
}
