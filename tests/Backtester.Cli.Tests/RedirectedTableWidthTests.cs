using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// Tables written to a file or a pipe are laid out at <c>COLUMNS</c> when it is set, else wide enough that no cell wraps:
/// at the former fixed 80 columns the walk-forward table split its numbers across lines ("-250." then "56052").
/// </summary>
public sealed class RedirectedTableWidthTests
{
    private static readonly string[] WalkForward = ["walkforward", "-s", "SmaCross", "-d", "synthetic:events=40000,symbols=2,seed=3,interval=1000000",
        "--in-sample", "20s", "--out-of-sample", "5s", "--equity-interval", "500ms", "--threads", "1"];

    /// <summary>The table lines of the windows table whose first cell is a window number.</summary>
    private static string[] WindowRows(string output) =>
        output.Split('\n').Where(line => line.Length > 2 && line[0] == '│' && char.IsDigit(line.TrimStart('│', ' ')[0])).ToArray();

    [Fact]
    public void Without_columns_each_window_is_one_line_holding_its_whole_start_time()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run([.. WalkForward, "-o", dir.Path]);

        Assert.Equal(0, result.ExitCode);
        string[] rows = WindowRows(result.Out);
        Assert.Equal(4, rows.Length);
        Assert.Equal(new[] { "2024-01-01T00:00:20Z", "2024-01-01T00:00:25Z", "2024-01-01T00:00:30Z", "2024-01-01T00:00:35Z" },
            rows.Select(r => r.Split('│')[2].Trim()));
    }

    [Fact]
    public void Columns_sets_the_width_of_a_redirected_table()
    {
        using var dir = new TempDirectory();
        var result = Cli.RunWith(new Dictionary<string, string> { ["COLUMNS"] = "60" }, [.. WalkForward, "-o", dir.Path]);

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.Out.Split('\n'), line => Assert.True(line.Length <= 60, $"{line.Length} characters: {line}"));
    }
}
