using Backtester.Cli.Reports;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>The fills chart is titled by the symbol's name from the run's provenance, not "symbol 0", when no --data is given.</summary>
public sealed class ReportSymbolNameTests
{
    [Theory]
    [InlineData("{\"0\":\"BTCUSDT\",\"1\":\"ETHUSDT\"}", 1, "ETHUSDT")]
    [InlineData("{\"0\":\"BTCUSDT\"}", 3, null)]
    [InlineData("[\"BTCUSDT\"]", 0, null)]
    [InlineData("{\"0\":", 0, null)]
    [InlineData(null, 0, null)]
    public void The_name_comes_from_the_data_symbols_metadata(string? json, int id, string? expected) =>
        Assert.Equal(expected, ReportBuilder.SymbolName(json, id));
}
