using System;
using System.Collections.Generic;

namespace Backtester.Data;

/// <summary>
/// How a <see cref="CsvFormat.Generic"/> trades file maps onto trades: header names of its columns, the unit of its
/// integer timestamps and the text of its side values. The file must have a header row.
/// </summary>
public sealed record CsvColumnMapping
{
    /// <summary>The timestamp column (integers in <see cref="TimestampUnit"/>). Default "timestamp".</summary>
    public string Timestamp { get; init; } = "timestamp";

    /// <summary>The symbol column, or null when the file holds one symbol (named by <see cref="MarketDataReadOptions.Symbol"/> or the file name). Default "symbol".</summary>
    public string? Symbol { get; init; } = "symbol";

    /// <summary>The price column. Default "price".</summary>
    public string Price { get; init; } = "price";

    /// <summary>The size (quantity) column. Default "size".</summary>
    public string Size { get; init; } = "size";

    /// <summary>The aggressor side column. Default "side".</summary>
    public string Side { get; init; } = "side";

    /// <summary>Unit of the timestamps. Default nanoseconds.</summary>
    public TimestampUnit TimestampUnit { get; init; } = TimestampUnit.Nanoseconds;

    /// <summary>Side texts (matched ignoring case) and the aggressor side each means. Default: buy/b/1 → Buy, sell/s/-1 → Sell.</summary>
    public IReadOnlyDictionary<string, Side> SideValues { get; init; } = new Dictionary<string, Side>(StringComparer.OrdinalIgnoreCase)
    {
        ["buy"] = Backtester.Side.Buy, ["b"] = Backtester.Side.Buy, ["1"] = Backtester.Side.Buy,
        ["sell"] = Backtester.Side.Sell, ["s"] = Backtester.Side.Sell, ["-1"] = Backtester.Side.Sell,
    };

    /// <summary>The field separator. Default ','.</summary>
    public char Separator { get; init; } = ',';
}
