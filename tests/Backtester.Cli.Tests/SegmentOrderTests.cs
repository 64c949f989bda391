using System.IO;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>Several <c>--data</c> files replay in the order given; one starting before the previous one's last event is refused.</summary>
public class SegmentOrderTests
{
    private const string Header = "id,price,qty,quote_qty,time,is_buyer_maker,is_best_match\n";

    [Fact]
    public void Day_files_given_out_of_time_order_are_refused_naming_the_file_without_a_row()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("seg"));
        // 2024-01-02 00:00 and 12:00 UTC (1704153600000, 1704196800000 ms); 2024-01-01 00:00 UTC (1704067200000 ms).
        string second = dir.File("seg/BTCUSDT-trades-2024-01-02.csv"), first = dir.File("seg/BTCUSDT-trades-2024-01-01.csv");
        File.WriteAllText(second, Header + "1,42000.5,0.01,420.005,1704153600000,true,true\n2,42001,0.01,420.01,1704196800000,false,true\n");
        File.WriteAllText(first, Header + "1,42000,0.01,420,1704067200000,true,true\n");
        string output = dir.File("out");

        var run = Cli.Run("run", "-s", "SmaCross", "--data", second, "--data", first, "-o", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: cannot replay the data files as segments: {first}: column 'timestamp': segment 1 starts at 1704067200000000000 "
            + "(2024-01-01T00:00:00.000000000Z) with its first event, before the previous segment's last event at 1704196800000000000 "
            + $"(2024-01-02T12:00:00.000000000Z) in {second}; segments replay in the order given and must follow each other in time", run.Error.Trim());
        Assert.False(Directory.Exists(output));

        var inOrder = Cli.Run("run", "-s", "SmaCross", "--data", first, "--data", second, "-o", output);
        Assert.True(inOrder.ExitCode == 0, inOrder.Error);
    }

    [Fact]
    public void The_data_option_says_files_replay_in_the_order_given()
    {
        var help = Cli.Run("run", "--help");

        Assert.Contains("in the order given", help.Out.ReplaceLineEndings(" "));
        Assert.DoesNotContain("path order", help.Out);
    }
}
