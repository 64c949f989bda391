using System;

namespace Backtester.Data;

/// <summary>
/// Collects book updates from a text reader, checking each value as it arrives so an error names the file's own line
/// number and column. Rows of one symbol must not go back in time (unless sorting was asked for); rows interleaved
/// across symbols are stable-sorted at the end, which keeps the order of each exchange message's rows.
/// </summary>
internal sealed class BookBuilder
{
    private readonly string _source;
    private readonly bool _sortIfUnordered;
    private readonly bool _sortable;
    private readonly ColumnBuffer<long> _timestamps;
    private readonly ColumnBuffer<int> _symbolIds;
    private readonly ColumnBuffer<BookSide> _sides;
    private readonly ColumnBuffer<double> _prices;
    private readonly ColumnBuffer<double> _sizes;
    private readonly ColumnBuffer<BookUpdateFlags> _flags;
    private long[] _lastBySymbol = [];
    private long _last = long.MinValue;
    private bool _unordered;

    /// <param name="source">The file, for messages.</param>
    /// <param name="sortIfUnordered">Sort rows whose timestamps go backwards within their symbol instead of refusing them.</param>
    /// <param name="capacity">The rows to make room for.</param>
    /// <param name="sortable">Whether the caller could ask for sorting (a refusal then names <see cref="MarketDataRemedy.SortIfUnordered"/>); false for a stream that must be read in order.</param>
    public BookBuilder(string source, bool sortIfUnordered, int capacity = 1024, bool sortable = true)
    {
        _source = source;
        _sortIfUnordered = sortIfUnordered;
        _sortable = sortable;
        _timestamps = new(capacity);
        _symbolIds = new(capacity);
        _sides = new(capacity);
        _prices = new(capacity);
        _sizes = new(capacity);
        _flags = new(capacity);
    }

    public SymbolInterner Symbols { get; } = new();

    public int Count => _timestamps.Count;

    /// <summary>Checks that <paramref name="timestamp"/> does not go back in time for <paramref name="symbolId"/>; call before <see cref="Add"/> for each row.</summary>
    public void CheckTime(long line, string column, long timestamp, int symbolId)
    {
        if (symbolId >= _lastBySymbol.Length)
        {
            int old = _lastBySymbol.Length;
            Array.Resize(ref _lastBySymbol, Math.Max(symbolId + 1, old * 2));
            _lastBySymbol.AsSpan(old).Fill(long.MinValue);
        }
        if (timestamp < _lastBySymbol[symbolId])
        {
            if (!_sortIfUnordered)
                throw new MarketDataException(_source, line, column, EventOrder.BackwardsProblem(timestamp, _lastBySymbol[symbolId]), _sortable ? MarketDataRemedy.SortIfUnordered : MarketDataRemedy.None);
            _unordered = true;
        }
        else _lastBySymbol[symbolId] = timestamp;
        if (timestamp < _last) _unordered = true;
        else _last = timestamp;
    }

    /// <summary>Appends one update after checking its price (positive, finite) and size (non-negative, finite).</summary>
    public void Add(long line, long timestamp, int symbolId, BookSide side, double price, string priceColumn, double size, string sizeColumn, BookUpdateFlags flags)
    {
        Check(line, price, priceColumn, size, sizeColumn);
        _timestamps.Add(timestamp);
        _symbolIds.Add(symbolId);
        _sides.Add(side);
        _prices.Add(price);
        _sizes.Add(size);
        _flags.Add(flags);
    }

    /// <summary>Checks a row's price (positive, finite) and size (non-negative, finite) without adding it, for rows a reader skips.</summary>
    public void Check(long line, double price, string priceColumn, double size, string sizeColumn)
    {
        if (!(price > 0) || double.IsInfinity(price))
            throw new MarketDataException(_source, line, priceColumn, $"expected a positive finite number, got {price}");
        if (!(size >= 0) || double.IsInfinity(size))
            throw new MarketDataException(_source, line, sizeColumn, $"expected a non-negative finite number, got {size}");
    }

    /// <summary>The book updates read, time-ordered. Every row was checked as it was added.</summary>
    public MarketData Build()
    {
        if (Count == 0) throw new MarketDataException(_source, -1, null, "the file has no book updates");
        ReadOnlyMemory<long> ts = _timestamps.ToMemory();
        ReadOnlyMemory<int> sym = _symbolIds.ToMemory();
        ReadOnlyMemory<BookSide> side = _sides.ToMemory();
        ReadOnlyMemory<double> px = _prices.ToMemory(), sz = _sizes.ToMemory();
        ReadOnlyMemory<BookUpdateFlags> flags = _flags.ToMemory();
        if (_unordered) BookColumns.SortByTime(ref ts, ref sym, ref side, ref px, ref sz, ref flags);
        SymbolTable symbols = Symbols.ToTable();
        var book = new BookColumns(_source, symbols.Count, ts, sym, side, px, sz, flags, checkRows: false);
        return BookMarketData.Of(_source, symbols, book);
    }
}
