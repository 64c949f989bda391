using System;

namespace Backtester.Data;

/// <summary>
/// Trades as columns (struct of arrays), in time order. Read-only and shared by every run of a sweep.
/// The constructor validates every row, so the replay loop can trust the data.
/// </summary>
public sealed class TradeColumns
{
    /// <summary>Wraps the columns (not copied) after validating them.</summary>
    /// <param name="source">Name of the data source, used in error messages.</param>
    /// <param name="symbolCount">Number of symbols; every symbol id must be below it.</param>
    /// <param name="timestamps">Nanoseconds since the Unix epoch, UTC, non-decreasing.</param>
    /// <param name="symbolIds">Symbol ids.</param>
    /// <param name="prices">Positive finite prices.</param>
    /// <param name="sizes">Positive finite sizes.</param>
    /// <param name="aggressors">Buy or Sell.</param>
    /// <exception cref="MarketDataException">A row is invalid; the message names the row and column.</exception>
    public TradeColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds,
        ReadOnlyMemory<double> prices, ReadOnlyMemory<double> sizes, ReadOnlyMemory<Side> aggressors)
        : this(source, symbolCount, timestamps, symbolIds, prices, sizes, aggressors, checkRows: true)
    {
    }

    /// <summary>
    /// Wraps the columns; with <paramref name="checkRows"/> false only their lengths are checked, for readers that
    /// already checked every row as they read it (so a 10M-row file is not validated twice).
    /// </summary>
    internal TradeColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds,
        ReadOnlyMemory<double> prices, ReadOnlyMemory<double> sizes, ReadOnlyMemory<Side> aggressors, bool checkRows)
    {
        ArgumentNullException.ThrowIfNull(source);
        int n = timestamps.Length;
        ColumnChecks.SameLength(source, n, "symbol", symbolIds.Length);
        ColumnChecks.SameLength(source, n, "price", prices.Length);
        ColumnChecks.SameLength(source, n, "size", sizes.Length);
        ColumnChecks.SameLength(source, n, "side", aggressors.Length);
        if (checkRows) Validate(source, symbolCount, timestamps.Span, symbolIds.Span, prices.Span, sizes.Span, aggressors.Span);
        Source = source;
        Timestamps = timestamps;
        SymbolIds = symbolIds;
        Prices = prices;
        Sizes = sizes;
        Aggressors = aggressors;
    }

    /// <summary>Name of the data source.</summary>
    public string Source { get; }

    /// <summary>Number of trades.</summary>
    public int Count => Timestamps.Length;

    /// <summary>Event times, ns since the Unix epoch, UTC.</summary>
    public ReadOnlyMemory<long> Timestamps { get; }

    /// <summary>Symbol ids.</summary>
    public ReadOnlyMemory<int> SymbolIds { get; }

    /// <summary>Trade prices.</summary>
    public ReadOnlyMemory<double> Prices { get; }

    /// <summary>Trade sizes.</summary>
    public ReadOnlyMemory<double> Sizes { get; }

    /// <summary>Aggressor sides.</summary>
    public ReadOnlyMemory<Side> Aggressors { get; }

    /// <summary>The trade at <paramref name="row"/>.</summary>
    public Trade this[int row] => new(Timestamps.Span[row], SymbolIds.Span[row], Prices.Span[row], Sizes.Span[row], Aggressors.Span[row]);

    private static void Validate(string source, int symbolCount, ReadOnlySpan<long> ts, ReadOnlySpan<int> sym,
        ReadOnlySpan<double> px, ReadOnlySpan<double> sz, ReadOnlySpan<Side> side)
    {
        ColumnChecks.TimeOrdered(source, ts);
        ColumnChecks.SymbolIds(source, symbolCount, sym);
        ColumnChecks.Positive(source, "price", px);
        ColumnChecks.Positive(source, "size", sz);
        for (int i = 0; i < side.Length; i++)
            if (side[i] != Side.Buy && side[i] != Side.Sell)
                throw new MarketDataException(source, i, "side", $"expected Buy (1) or Sell (-1), got {(sbyte)side[i]}");
    }
}
