using System;

namespace Backtester.Data;

/// <summary>
/// An exchange's mark prices as columns, in time order: when, which symbol, the mark price. Read from Binance or Tardis
/// files by <see cref="MarkPriceFile"/>, attached to market data with <see cref="MarketData.WithMarkPrices"/>. A run
/// marks its positions at them with <see cref="MarkSource.MarkPrice"/>, and stops trigger on them with
/// <see cref="StopTrigger.MarkPrice"/>.
/// </summary>
public sealed class MarkPriceColumns
{
    /// <summary>No mark prices.</summary>
    public static MarkPriceColumns Empty { get; } = new("none", 0, Array.Empty<long>(), Array.Empty<int>(), Array.Empty<double>());

    private readonly bool[] _covers;

    /// <summary>Wraps the columns (not copied) after validating every row.</summary>
    /// <param name="source">Name of the data source, used in error messages.</param>
    /// <param name="symbolCount">Number of symbols; every symbol id must be below it.</param>
    /// <param name="timestamps">Publication times, ns since the Unix epoch, UTC, non-decreasing.</param>
    /// <param name="symbolIds">Symbol ids.</param>
    /// <param name="prices">Mark prices, positive and finite.</param>
    /// <exception cref="MarketDataException">A row is invalid; the message names the row and column.</exception>
    public MarkPriceColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds, ReadOnlyMemory<double> prices)
    {
        ArgumentNullException.ThrowIfNull(source);
        int n = timestamps.Length;
        ColumnChecks.SameLength(source, n, "symbol", symbolIds.Length);
        ColumnChecks.SameLength(source, n, "mark_price", prices.Length);
        ColumnChecks.TimeOrdered(source, timestamps.Span);
        ColumnChecks.SymbolIds(source, symbolCount, symbolIds.Span);
        ReadOnlySpan<double> p = prices.Span;
        for (int i = 0; i < n; i++)
            if (!(p[i] > 0) || double.IsInfinity(p[i])) throw new MarketDataException(source, i, "mark_price", $"expected a positive finite price, got {p[i]}");
        _covers = new bool[symbolCount];
        foreach (int id in symbolIds.Span) _covers[id] = true;
        Source = source;
        SymbolCount = symbolCount;
        Timestamps = timestamps;
        SymbolIds = symbolIds;
        Prices = prices;
    }

    private MarkPriceColumns(MarkPriceColumns all, int start, int length)
    {
        _covers = all._covers;
        Source = all.Source;
        SymbolCount = all.SymbolCount;
        Timestamps = all.Timestamps.Slice(start, length);
        SymbolIds = all.SymbolIds.Slice(start, length);
        Prices = all.Prices.Slice(start, length);
    }

    /// <summary>Name of the data source.</summary>
    public string Source { get; }

    /// <summary>The symbol count the columns were checked against: every symbol id is below it.</summary>
    public int SymbolCount { get; }

    /// <summary>Number of mark-price updates.</summary>
    public int Count => Timestamps.Length;

    /// <summary>Publication times, ns since the Unix epoch, UTC.</summary>
    public ReadOnlyMemory<long> Timestamps { get; }

    /// <summary>Symbol ids.</summary>
    public ReadOnlyMemory<int> SymbolIds { get; }

    /// <summary>Mark prices.</summary>
    public ReadOnlyMemory<double> Prices { get; }

    /// <summary>The update at <paramref name="row"/>.</summary>
    public MarkPriceUpdate this[int row] => new(Timestamps.Span[row], SymbolIds.Span[row], Prices.Span[row]);

    /// <summary>
    /// True when the series has a mark price for <paramref name="symbolId"/>: in the whole series these columns were read
    /// as, so a time slice (a walk-forward window, a sweep's block) covers the symbols its source does.
    /// </summary>
    public bool Covers(int symbolId) => (uint)symbolId < (uint)_covers.Length && _covers[symbolId];

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1, sharing these columns (and what they cover).</summary>
    internal MarkPriceColumns Slice(int start, int length) => start == 0 && length == Count ? this : new MarkPriceColumns(this, start, length);
}
