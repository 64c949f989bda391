using System;
using System.IO;
using System.Text;
using Backtester.Data;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary><c>data convert</c> picks the output format by the output's extension, and reads the built-in market.</summary>
public class DataConvertFormatTests
{
    [Fact]
    public void Converting_to_a_parquet_name_writes_parquet_that_reads_back_the_same_bars()
    {
        using var dir = new TempDirectory();
        string parquet = dir.File("bars.parquet");
        var convert = Cli.Run("data", "convert", "synthetic:market,days=1,trades=false,quotes=false", parquet);
        Assert.Equal(0, convert.ExitCode);
        Assert.Contains("5,760 events", convert.Out); // 4 symbols × 1,440 minutes

        byte[] bytes = File.ReadAllBytes(parquet);
        Assert.Equal("PAR1", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("PAR1", Encoding.ASCII.GetString(bytes, bytes.Length - 4, 4));
        using MarketData original = MarketDataFiles.Open("synthetic:market,days=1,trades=false,quotes=false");
        using MarketData back = MarketDataFiles.Open(parquet);
        Assert.Equal(original.Bars.Count, back.Bars.Count);
        Assert.True(original.Bars.Close.Span.SequenceEqual(back.Bars.Close.Span));
        Assert.Equal("SOLUSDT", back.Symbols[back.Bars.SymbolIds.Span[2]]);
    }

    [Fact]
    public void Converting_to_an_arrow_name_writes_arrow_and_an_unknown_extension_is_a_user_error()
    {
        using var dir = new TempDirectory();
        string arrow = dir.File("bars.arrow");
        Assert.Equal(0, Cli.Run("data", "convert", "synthetic:market,days=1,trades=false,quotes=false", arrow, "-q").ExitCode);
        Assert.Equal("ARROW1", Encoding.ASCII.GetString(File.ReadAllBytes(arrow), 0, 6));

        var bad = Cli.Run("data", "convert", "synthetic:market,days=1,trades=false,quotes=false", dir.File("bars.csv"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("name it .arrow", bad.Error);
        Assert.False(File.Exists(dir.File("bars.csv")));
    }
}
