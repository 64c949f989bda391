using System;

namespace Backtester.Data;

/// <summary>
/// Collects rows of one kind from a text reader, checking each value as it arrives so the error can name the
/// file's own line number and column name. Call <see cref="Build"/> once at the end. Rules across the columns of
/// a row (bid ≤ ask, low ≤ open/close ≤ high) are the caller's to check: the column set does not check rows again.
/// </summary>
internal sealed class EventBuilder
{
    private readonly string _source;
    private readonly bool _sortIfUnordered;
    private readonly ColumnBuffer<long> _timestamps;
    private readonly ColumnBuffer<int> _symbolIds;
    private readonly ColumnBuffer<double>[] _values;
    private readonly ColumnBuffer<Side>? _sides;
    private long[] _lastBySymbol = [];
    private long _last = long.MinValue;
    private bool _unordered;

    public EventBuilder(EventLayout layout, string source, bool sortIfUnordered, int capacity = 1024)
    {
        Layout = layout;
        _source = source;
        _sortIfUnordered = sortIfUnordered;
        _timestamps = new(capacity);
        _symbolIds = new(capacity);
        _values = new ColumnBuffer<double>[layout.ValueNames.Length];
        for (int i = 0; i < _values.Length; i++) _values[i] = new(capacity);
        if (layout.HasSide) _sides = new(capacity);
    }

    public EventLayout Layout { get; }

    public SymbolInterner Symbols { get; } = new();

    public int Count => _timestamps.Count;

    /// <summary>Appends the time and symbol of a row; the caller then adds its values.</summary>
    public void AddRow(long line, string timestampColumn, long timestamp, int symbolId)
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
                throw new MarketDataException(_source, line, timestampColumn, EventOrder.BackwardsProblem(timestamp, _lastBySymbol[symbolId]), MarketDataRemedy.SortIfUnordered);
            _unordered = true;
        }
        else _lastBySymbol[symbolId] = timestamp;
        if (timestamp < _last) _unordered = true;
        else _last = timestamp;
        _timestamps.Add(timestamp);
        _symbolIds.Add(symbolId);
    }

    /// <summary>Appends value column <paramref name="index"/>, checking it is finite and positive (or zero where the layout allows).</summary>
    public void AddValue(int index, double value, long line, string column)
    {
        bool ok = Layout.ZeroAllowed[index] ? value >= 0 : value > 0;
        if (!ok || double.IsInfinity(value))
            throw new MarketDataException(_source, line, column,
                $"expected a {(Layout.ZeroAllowed[index] ? "non-negative" : "positive")} finite number, got {value}");
        _values[index].Add(value);
    }

    public void AddSide(Side side) => _sides!.Add(side);

    /// <summary>
    /// The market data read so far, time-ordered (stable-sorted when rows were interleaved or out of order). Every row
    /// was checked as it was added, so the column set only checks the column lengths.
    /// </summary>
    public MarketData Build()
    {
        if (Count == 0) throw new MarketDataException(_source, -1, null, "the file has no data rows");
        if (Symbols.Count > MarketDataLimits.MaxSymbols)
            throw new MarketDataException(_source, -1, "symbol", $"the file names {Symbols.Count:N0} symbols; the limit is {MarketDataLimits.MaxSymbols:N0} (MarketDataLimits.MaxSymbols)");
        var values = new ReadOnlyMemory<double>[_values.Length];
        for (int i = 0; i < values.Length; i++) values[i] = _values[i].ToMemory();
        var columns = new EventColumns(Layout, _timestamps.ToMemory(), _symbolIds.ToMemory(), values, _sides?.ToMemory() ?? default);
        if (_unordered) columns = columns.Permute(EventOrder.StableSortByTime(columns.Timestamps.Span));
        return columns.ToMarketData(_source, Symbols.ToTable(), rowsChecked: true);
    }
}
