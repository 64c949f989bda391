using System;

namespace Backtester.Data;

/// <summary>
/// Funding settlements of perpetual contracts as columns, in time order: when, which symbol, the rate, and the mark
/// price the payment is computed at (NaN when the source has none; the symbol's last price is used then). Read from
/// Binance or Tardis files by <see cref="FundingFile"/>, attached to market data with <see cref="MarketData.WithFunding"/>.
/// </summary>
public sealed class FundingColumns
{
    /// <summary>No funding.</summary>
    public static FundingColumns Empty { get; } = new("none", 0, Array.Empty<long>(), Array.Empty<int>(), Array.Empty<double>(), Array.Empty<double>());

    /// <summary>Wraps the columns (not copied) after validating every row.</summary>
    /// <param name="source">Name of the data source, used in error messages.</param>
    /// <param name="symbolCount">Number of symbols; every symbol id must be below it.</param>
    /// <param name="timestamps">Funding times, ns since the Unix epoch, UTC, non-decreasing.</param>
    /// <param name="symbolIds">Symbol ids.</param>
    /// <param name="rates">Funding rates as fractions, finite (positive: longs pay).</param>
    /// <param name="markPrices">Mark prices, positive and finite, or NaN for none.</param>
    /// <exception cref="MarketDataException">A row is invalid; the message names the row and column.</exception>
    public FundingColumns(string source, int symbolCount, ReadOnlyMemory<long> timestamps, ReadOnlyMemory<int> symbolIds,
        ReadOnlyMemory<double> rates, ReadOnlyMemory<double> markPrices)
    {
        ArgumentNullException.ThrowIfNull(source);
        int n = timestamps.Length;
        ColumnChecks.SameLength(source, n, "symbol", symbolIds.Length);
        ColumnChecks.SameLength(source, n, "funding_rate", rates.Length);
        ColumnChecks.SameLength(source, n, "mark_price", markPrices.Length);
        ColumnChecks.TimeOrdered(source, timestamps.Span);
        ColumnChecks.SymbolIds(source, symbolCount, symbolIds.Span);
        ReadOnlySpan<double> r = rates.Span, m = markPrices.Span;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(r[i])) throw new MarketDataException(source, i, "funding_rate", $"expected a finite number, got {r[i]}");
            if (!double.IsNaN(m[i]) && (!(m[i] > 0) || double.IsInfinity(m[i])))
                throw new MarketDataException(source, i, "mark_price", $"expected a positive finite number (or none), got {m[i]}");
        }
        Source = source;
        SymbolCount = symbolCount;
        Timestamps = timestamps;
        SymbolIds = symbolIds;
        Rates = rates;
        MarkPrices = markPrices;
    }

    /// <summary>Name of the data source.</summary>
    public string Source { get; }

    /// <summary>The symbol count the columns were checked against: every symbol id is below it.</summary>
    public int SymbolCount { get; }

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1, sharing these columns.</summary>
    internal FundingColumns Slice(int start, int length) =>
        start == 0 && length == Count ? this
        : new FundingColumns(Source, SymbolCount, Timestamps.Slice(start, length), SymbolIds.Slice(start, length), Rates.Slice(start, length), MarkPrices.Slice(start, length));

    /// <summary>Number of funding settlements.</summary>
    public int Count => Timestamps.Length;

    /// <summary>Funding times, ns since the Unix epoch, UTC.</summary>
    public ReadOnlyMemory<long> Timestamps { get; }

    /// <summary>Symbol ids.</summary>
    public ReadOnlyMemory<int> SymbolIds { get; }

    /// <summary>Funding rates, as fractions.</summary>
    public ReadOnlyMemory<double> Rates { get; }

    /// <summary>Mark prices (NaN: none).</summary>
    public ReadOnlyMemory<double> MarkPrices { get; }

    /// <summary>The settlement at <paramref name="row"/>.</summary>
    public Funding this[int row] => new(Timestamps.Span[row], SymbolIds.Span[row], Rates.Span[row], MarkPrices.Span[row]);
}
