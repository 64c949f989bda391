using Backtester.Data;

namespace Backtester.Cli;

/// <summary>Opens the market data a command names; unreadable or invalid data is a user error.</summary>
internal static class MarketDataInput
{
    public static MarketData Open(string source, MarketDataReadOptions? options = null) =>
        BacktesterCli.Input($"cannot read market data '{source}'", () => MarketDataFiles.Open(source, options));
}
