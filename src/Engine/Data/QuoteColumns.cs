using System;

namespace Backtester.Data;

/// <summary>
/// Top-of-book quotes as columns, in time order. Read-only and shared by every run of a sweep; validated on
/// construction (positive finite prices, non-negative finite sizes, bid not above ask).
/// </summary>
public sealed class QuoteColumns
{
    /// <summary>An empty quote table.</summary>
    public static QuoteColumns Empty { get; } = new("none", 0, default, default, default, default, default, default);

    /// <summary>Wraps the columns (not copied) after validating them.</summary>
    /// <exception cref="MarketDataException">A row is invalid; the message names the row and column.</exception>
    public QuoteColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds,
        ReadOnlyMemory<double> bidPrices, ReadOnlyMemory<double> bidSizes, ReadOnlyMemory<double> askPrices, ReadOnlyMemory<double> askSizes)
        : this(source, symbolCount, timestamps, symbolIds, bidPrices, bidSizes, askPrices, askSizes, checkRows: true)
    {
    }

    /// <summary>Wraps the columns; with <paramref name="checkRows"/> false only their lengths are checked (see <see cref="TradeColumns"/>).</summary>
    internal QuoteColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds,
        ReadOnlyMemory<double> bidPrices, ReadOnlyMemory<double> bidSizes, ReadOnlyMemory<double> askPrices, ReadOnlyMemory<double> askSizes, bool checkRows)
    {
        ArgumentNullException.ThrowIfNull(source);
        int n = timestamps.Length;
        ColumnChecks.SameLength(source, n, "symbol", symbolIds.Length);
        ColumnChecks.SameLength(source, n, "bid_price", bidPrices.Length);
        ColumnChecks.SameLength(source, n, "bid_size", bidSizes.Length);
        ColumnChecks.SameLength(source, n, "ask_price", askPrices.Length);
        ColumnChecks.SameLength(source, n, "ask_size", askSizes.Length);
        if (checkRows) Validate(source, symbolCount, timestamps.Span, symbolIds.Span, bidPrices.Span, bidSizes.Span, askPrices.Span, askSizes.Span);
        Source = source;
        Timestamps = timestamps;
        SymbolIds = symbolIds;
        BidPrices = bidPrices;
        BidSizes = bidSizes;
        AskPrices = askPrices;
        AskSizes = askSizes;
    }

    /// <summary>Name of the data source.</summary>
    public string Source { get; }

    /// <summary>Number of quotes.</summary>
    public int Count => Timestamps.Length;

    /// <summary>Event times, ns since the Unix epoch, UTC.</summary>
    public ReadOnlyMemory<long> Timestamps { get; }

    /// <summary>Symbol ids.</summary>
    public ReadOnlyMemory<int> SymbolIds { get; }

    /// <summary>Best bid prices.</summary>
    public ReadOnlyMemory<double> BidPrices { get; }

    /// <summary>Sizes at the best bid.</summary>
    public ReadOnlyMemory<double> BidSizes { get; }

    /// <summary>Best ask prices.</summary>
    public ReadOnlyMemory<double> AskPrices { get; }

    /// <summary>Sizes at the best ask.</summary>
    public ReadOnlyMemory<double> AskSizes { get; }

    /// <summary>The quote at <paramref name="row"/>.</summary>
    public Quote this[int row] => new(Timestamps.Span[row], SymbolIds.Span[row], BidPrices.Span[row], BidSizes.Span[row], AskPrices.Span[row], AskSizes.Span[row]);

    private static void Validate(string source, int symbolCount, ReadOnlySpan<long> ts, ReadOnlySpan<int> sym,
        ReadOnlySpan<double> bid, ReadOnlySpan<double> bidSize, ReadOnlySpan<double> ask, ReadOnlySpan<double> askSize)
    {
        ColumnChecks.TimeOrdered(source, ts);
        ColumnChecks.SymbolIds(source, symbolCount, sym);
        ColumnChecks.Positive(source, "bid_price", bid);
        ColumnChecks.NonNegative(source, "bid_size", bidSize);
        ColumnChecks.Positive(source, "ask_price", ask);
        ColumnChecks.NonNegative(source, "ask_size", askSize);
        for (int i = 0; i < bid.Length; i++)
            if (bid[i] > ask[i])
                throw new MarketDataException(source, i, "bid_price", $"expected the bid at or below the ask, got bid {bid[i]} > ask {ask[i]}");
    }
}
