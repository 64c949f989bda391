using System;

namespace Backtester.Data;

/// <summary>
/// OHLCV bars as columns, in time order of their close time. Read-only and shared by every run of a sweep;
/// validated on construction (positive finite prices, low ≤ open/close ≤ high, non-negative volume).
/// </summary>
public sealed class BarColumns
{
    /// <summary>An empty bar table.</summary>
    public static BarColumns Empty { get; } = new("none", 0, default, default, default, default, default, default, default);

    /// <summary>Wraps the columns (not copied) after validating them.</summary>
    /// <exception cref="MarketDataException">A row is invalid; the message names the row and column.</exception>
    public BarColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds,
        ReadOnlyMemory<double> open, ReadOnlyMemory<double> high, ReadOnlyMemory<double> low, ReadOnlyMemory<double> close, ReadOnlyMemory<double> volume)
        : this(source, symbolCount, timestamps, symbolIds, open, high, low, close, volume, checkRows: true)
    {
    }

    /// <summary>Wraps the columns; with <paramref name="checkRows"/> false only their lengths are checked (see <see cref="TradeColumns"/>).</summary>
    internal BarColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds,
        ReadOnlyMemory<double> open, ReadOnlyMemory<double> high, ReadOnlyMemory<double> low, ReadOnlyMemory<double> close, ReadOnlyMemory<double> volume, bool checkRows)
    {
        ArgumentNullException.ThrowIfNull(source);
        int n = timestamps.Length;
        ColumnChecks.SameLength(source, n, "symbol", symbolIds.Length);
        ColumnChecks.SameLength(source, n, "open", open.Length);
        ColumnChecks.SameLength(source, n, "high", high.Length);
        ColumnChecks.SameLength(source, n, "low", low.Length);
        ColumnChecks.SameLength(source, n, "close", close.Length);
        ColumnChecks.SameLength(source, n, "volume", volume.Length);
        if (checkRows) Validate(source, symbolCount, timestamps.Span, symbolIds.Span, open.Span, high.Span, low.Span, close.Span, volume.Span);
        Source = source;
        Timestamps = timestamps;
        SymbolIds = symbolIds;
        Open = open;
        High = high;
        Low = low;
        Close = close;
        Volume = volume;
    }

    /// <summary>Name of the data source.</summary>
    public string Source { get; }

    /// <summary>Number of bars.</summary>
    public int Count => Timestamps.Length;

    /// <summary>Bar close times, ns since the Unix epoch, UTC.</summary>
    public ReadOnlyMemory<long> Timestamps { get; }

    /// <summary>Symbol ids.</summary>
    public ReadOnlyMemory<int> SymbolIds { get; }

    /// <summary>Open prices.</summary>
    public ReadOnlyMemory<double> Open { get; }

    /// <summary>High prices.</summary>
    public ReadOnlyMemory<double> High { get; }

    /// <summary>Low prices.</summary>
    public ReadOnlyMemory<double> Low { get; }

    /// <summary>Close prices.</summary>
    public ReadOnlyMemory<double> Close { get; }

    /// <summary>Volumes.</summary>
    public ReadOnlyMemory<double> Volume { get; }

    /// <summary>The bar at <paramref name="row"/>.</summary>
    public Bar this[int row] => new(Timestamps.Span[row], SymbolIds.Span[row], Open.Span[row], High.Span[row], Low.Span[row], Close.Span[row], Volume.Span[row]);

    private static void Validate(string source, int symbolCount, ReadOnlySpan<long> ts, ReadOnlySpan<int> sym,
        ReadOnlySpan<double> o, ReadOnlySpan<double> h, ReadOnlySpan<double> l, ReadOnlySpan<double> c, ReadOnlySpan<double> volume)
    {
        ColumnChecks.TimeOrdered(source, ts);
        ColumnChecks.SymbolIds(source, symbolCount, sym);
        ColumnChecks.Positive(source, "open", o);
        ColumnChecks.Positive(source, "high", h);
        ColumnChecks.Positive(source, "low", l);
        ColumnChecks.Positive(source, "close", c);
        ColumnChecks.NonNegative(source, "volume", volume);
        for (int i = 0; i < o.Length; i++)
        {
            if (l[i] > h[i]) throw new MarketDataException(source, i, "low", $"expected low ≤ high, got low {l[i]} > high {h[i]}");
            if (o[i] < l[i] || o[i] > h[i]) throw new MarketDataException(source, i, "open", $"expected open within [low, high] = [{l[i]}, {h[i]}], got {o[i]}");
            if (c[i] < l[i] || c[i] > h[i]) throw new MarketDataException(source, i, "close", $"expected close within [low, high] = [{l[i]}, {h[i]}], got {c[i]}");
        }
    }
}
