using System.IO;
using System.Text.Json;
using Backtester.Engine.Tests;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// A search whose rows failed ends as a sweep with failed rows does: its tables are written, stderr names the count and
/// the first error, the exit code is 3, and <c>--json</c> counts them. <c>CliFuse</c> has 4 combinations (Fuse 0 to 3),
/// and Fuse 2 throws on its first trade.
/// </summary>
[Collection(nameof(CliFuseCollection))]
public class SearchFailedRowsTests
{
    private const string Data = "synthetic:events=2000,symbols=1,seed=3";

    [Fact]
    public void A_random_search_with_a_failed_row_writes_its_table_names_the_failure_and_exits_3()
    {
        using var dir = new TempDirectory();
        // 4 samples of a grid of 4: every combination, so exactly one (Fuse 2) fails.
        var result = Cli.Run("search", "random", "-s", "CliFuse", "-d", Data, "-o", dir.Path, "--samples", "4", "--seed", "1");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error: 1 of 4 rows failed (their rows hold the error and null statistics); first: ", result.Error);
        Assert.Contains("fuse 2 blew", result.Error);
        Assert.Single(Directory.GetFiles(dir.Path, "*.arrow")); // the search's table, written all the same
    }

    [Fact]
    public void A_halving_search_counts_failed_rows_over_its_rungs_in_json()
    {
        using var dir = new TempDirectory();
        // Rung 0: the 4 combinations, Fuse 2 failing; rung 1: the best 4 / 2 = 2 of the 3 that ran, both succeeding.
        var result = Cli.Run("search", "halving", "-s", "CliFuse", "-d", Data, "-o", dir.Path, "--eta", "2", "--rungs", "2", "--by", "net_pnl", "--json");

        Assert.Equal(3, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Out);
        JsonElement root = json.RootElement;
        Assert.Equal(new long[] { 4, 2 }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(root.GetProperty("rungs").EnumerateArray(), r => r.GetInt64())));
        Assert.Equal((1, 0, 0), (root.GetProperty("failed").GetInt64(), root.GetProperty("resumed").GetInt64(), root.GetProperty("retried").GetInt64()));
        Assert.Contains("error: 1 of 6 rows failed", result.Error);
    }
}
