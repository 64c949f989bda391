using System.IO;
using System.Linq;
using System.Collections.Generic;
using Apache.Arrow;
using Xunit;

namespace Backtester.Cli.Tests;

public class ErrorConventionTests
{
    private static void AssertUserError(Cli.Result result, string expected)
    {
        Assert.Equal(1, result.ExitCode);
        string error = result.Error.TrimEnd();
        Assert.DoesNotContain('\n', error);                // one line
        Assert.DoesNotContain("   at ", error);             // no stack trace
        Assert.StartsWith("error: ", error);
        Assert.Contains(expected, error);
    }

    // The samples' strategies and this test assembly's own (CliFuse, CliHuge), which register when it loads. The catalog
    // is the process's: once a test has loaded the BookMaker sample (the Tardis walk-through runs it), its strategies
    // are listed too, so the list is checked for these names in order, not for being exactly them.
    [Fact]
    public void Unknown_strategy_is_one_line_listing_the_known_ones()
    {
        Cli.Result result = Cli.Run("run", "--strategy", "Nope", "--out", "x");
        AssertUserError(result, "No strategy named 'Nope'. Known strategies: ");
        string listed = result.Error[(result.Error.IndexOf("Known strategies: ", System.StringComparison.Ordinal) + "Known strategies: ".Length)..].TrimEnd().TrimEnd('.');
        string[] names = listed.Split(", ");
        Assert.Equal(names.Order(System.StringComparer.Ordinal).ToArray(), names); // sorted
        string[] expected = { "BollingerReversion", "CliFuse", "CliHuge", "MarketMaker", "SmaCross", "ZScoreSignals" };
        Assert.Equal(expected, names.Where(expected.Contains).ToArray());
    }

    [Fact]
    public void Unknown_parameter_name_is_a_user_error() =>
        AssertUserError(Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=1000", "-p", "Bogus=1", "-o", "x"), "Unknown parameter 'Bogus'");

    [Fact]
    public void Unparsable_parameter_value_is_a_user_error() =>
        AssertUserError(Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=1000", "-p", "Fast=abc", "-o", "x"), "expected a whole number");

    [Fact]
    public void Param_without_equals_is_a_user_error() =>
        AssertUserError(Cli.Run("run", "-s", "SmaCross", "-p", "Fast", "-o", "x"), "Name=Value");

    [Fact]
    public void Missing_data_file_is_a_user_error() =>
        AssertUserError(Cli.Run("run", "-s", "SmaCross", "-d", "/no/such/file.arrow", "-o", "x"), "/no/such/file.arrow");

    [Fact]
    public void Missing_assembly_is_a_user_error() =>
        AssertUserError(Cli.Run("run", "-s", "SmaCross", "-a", "/no/such/Strategies.dll", "-o", "x"), "cannot load assembly");

    [Fact]
    public void Missing_required_option_is_a_user_error() =>
        AssertUserError(Cli.Run("sweep", "-o", "x"), "--strategy");

    [Fact]
    public void Unknown_statistic_is_a_user_error() =>
        AssertUserError(Cli.Run("sweep", "-s", "SmaCross", "-o", "x", "--by", "happiness"), "unknown statistic 'happiness'");

    [Fact]
    public void Bad_shard_is_a_user_error() =>
        AssertUserError(Cli.Run("sweep", "-s", "SmaCross", "-o", "x", "--shard", "4/4"), "must be below the shard count");

    // --data, --segments and sweep merge's files take every token up to the next option the command knows: a mistyped
    // option, or another command's, after them was read as a data file ("Cannot tell the format of '--fee-bp'").
    [Fact]
    public void An_unknown_option_after_a_many_valued_path_is_named_as_no_option_not_read_as_a_file()
    {
        using var dir = new TempDirectory();
        string data = Path.Combine(dir.Path, "day.arrow");
        Backtester.Data.ArrowMarketDataWriter.Write(Backtester.SyntheticData.Trades(new Backtester.SyntheticDataOptions { Events = 1000, Symbols = 1 }), data);
        Assert.Equal("error: --data: '--fee-bp' is not an option of this command, nor a file or folder. (see 'backtester run --help')",
            Cli.Run("run", "-s", "SmaCross", "-d", data, "--fee-bp", "2", "-o", dir.Path).Error.Trim());
        AssertUserError(Cli.Run("overfitting", "-s", "SmaCross", "-d", data, "--out", "x"),
            "error: --data: '--out' is not an option of this command, nor a file or folder. (see 'backtester overfitting --help')");
        AssertUserError(Cli.Run("walkforward", "-s", "SmaCross", "--segments", data, "-x", "--in-sample", "1s", "--out-of-sample", "1s", "-o", dir.Path),
            "error: --segments: '-x' is not an option of this command, nor a file or folder.");
        AssertUserError(Cli.Run("sweep", "merge", data, "--bogus", "-o", Path.Combine(dir.Path, "m.arrow")),
            "error: '--bogus' is not an option of this command, nor a file or folder. (see 'backtester sweep merge --help')");
        Assert.Equal(new[] { "day.arrow" }, Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_data_folder_without_data_files_is_a_user_error_and_one_of_zip_archives_says_to_unzip_them()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("notes.txt"), "no data here");
        AssertUserError(Cli.Run("run", "-s", "SmaCross", "-d", dir.Path, "-o", dir.File("out")),
            $"error: --data {dir.Path}: the folder has no market data files (.arrow, .feather, .ipc, .parquet, .csv, .csv.gz).");
        // Before, the same words for a folder of data.binance.vision downloads.
        File.WriteAllBytes(dir.File("BTCUSDT-trades-2024-01-01.zip"), [0x50, 0x4B, 0x03, 0x04]);
        File.WriteAllBytes(dir.File("BTCUSDT-trades-2024-01-02.zip"), [0x50, 0x4B, 0x03, 0x04]);
        AssertUserError(Cli.Run("run", "-s", "SmaCross", "-d", dir.Path, "-o", dir.File("out")),
            $"error: --data {dir.Path}: the folder has no market data files (.arrow, .feather, .ipc, .parquet, .csv, .csv.gz); it holds 2 .zip archives, which are not read: unzip them (Binance's dumps are one CSV file in a zip).");
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Help_is_available_everywhere_with_exit_code_zero()
    {
        foreach (string[] args in new[] { new[] { "--help" }, ["run", "--help"], ["sweep", "--help"], ["sweep", "merge", "--help"], ["data", "convert", "--help"], ["data", "inspect", "--help"], ["report", "--help"] })
        {
            var result = Cli.Run(args);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Usage:", result.Out);
        }
    }

    [Fact]
    public void The_statistics_table_covers_every_summary_column_in_order()
    {
        var names = new List<string>();
        foreach (Field field in BacktestSummary.ArrowSchema.FieldsList) names.Add(field.Name);
        Assert.Equal(names, SummaryStatistics.All.Select(s => s.Name));
    }

    [Fact]
    public void Every_statistic_has_its_own_human_label_and_percentages_say_so()
    {
        // LabelOf throws for a statistic without a label, so a new summary column cannot reach the table unnamed.
        var labels = SummaryStatistics.All.Select(s => s.Label).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.All(SummaryStatistics.All, s => Assert.DoesNotContain("_", s.Label));
        Assert.All(SummaryStatistics.All.Where(s => s.Kind == StatisticKind.Percent), s => Assert.Contains("%", s.Label));
        Assert.All(SummaryStatistics.All.Where(s => s.Kind == StatisticKind.Money), s => Assert.Contains("(quote", s.Label));
    }
}
