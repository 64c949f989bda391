using System;

namespace Backtester.Data;

/// <summary>
/// The columns of one kind of event, by name, in the order every reader and writer uses: timestamp, symbol,
/// the float64 value columns, then (trades only) the side. One table, so Arrow, Parquet and merging agree.
/// </summary>
internal sealed class EventLayout
{
    public static readonly EventLayout Trades = new(MarketDataKind.Trades, ["price", "size"], [false, false], hasSide: true);
    public static readonly EventLayout Quotes = new(MarketDataKind.Quotes, ["bid_price", "bid_size", "ask_price", "ask_size"], [false, true, false, true], hasSide: false);
    public static readonly EventLayout Bars = new(MarketDataKind.Bars, ["open", "high", "low", "close", "volume"], [false, false, false, false, true], hasSide: false);

    public const string Timestamp = "timestamp";
    public const string SymbolId = "symbol_id";
    public const string Symbol = "symbol";
    public const string Side = "side";

    private EventLayout(MarketDataKind kind, string[] valueNames, bool[] zeroAllowed, bool hasSide)
    {
        Kind = kind;
        ValueNames = valueNames;
        ZeroAllowed = zeroAllowed;
        HasSide = hasSide;
    }

    public MarketDataKind Kind { get; }

    /// <summary>Names of the float64 columns.</summary>
    public string[] ValueNames { get; }

    /// <summary>Per value column: true when zero is valid (sizes of quotes, bar volume), false when it must be positive.</summary>
    public bool[] ZeroAllowed { get; }

    /// <summary>Whether the kind has an int8 side column (trades).</summary>
    public bool HasSide { get; }

    /// <summary>The name written in file metadata: trades, quotes or bars.</summary>
    public string Name => Kind switch { MarketDataKind.Trades => "trades", MarketDataKind.Quotes => "quotes", _ => "bars" };

    public static EventLayout Of(MarketDataKind kind) => kind switch
    {
        MarketDataKind.Trades => Trades,
        MarketDataKind.Quotes => Quotes,
        MarketDataKind.Bars => Bars,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown market data kind."),
    };
}
