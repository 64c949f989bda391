using System.Collections.Generic;
using Backtester.Data;

namespace Backtester.Cli;

/// <summary>Opens the market data a command names; unreadable or invalid data is a user error.</summary>
internal static class MarketDataInput
{
    /// <summary>
    /// Opens the one data source of a command that replays a single <see cref="MarketData"/> (the research commands):
    /// several <c>--data</c> values, a folder or a glob are refused with a hint, not silently cut to the first.
    /// </summary>
    public static MarketData OpenSingle(IReadOnlyList<string> inputs, MarketDataReadOptions? options = null)
    {
        List<string> expanded = ReplayData.Expand(inputs);
        if (expanded.Count != 1)
            throw new UserErrorException($"--data: this command replays one data source, got {expanded.Count} ({string.Join(", ", expanded.Count > 3 ? [.. expanded.GetRange(0, 3), "..."] : expanded)}); for a history in several files use walkforward --segments, or sweep/run with several --data.");
        return Open(expanded[0], options);
    }

    public static MarketData Open(string source, MarketDataReadOptions? options = null) =>
        BacktesterCli.Input($"cannot read market data '{source}'", () => MarketDataFiles.Open(source, options));
}
