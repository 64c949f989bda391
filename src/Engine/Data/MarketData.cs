using System;
using Backtester.Data;

namespace Backtester;

/// <summary>
/// The market data of a backtest: a symbol table and columnar, time-ordered events. Immutable and shared
/// read-only by every run of a sweep; nothing is copied per run. Data read from memory-mapped Arrow files
/// keeps its mapping until <see cref="Dispose"/> (or the end of the process).
/// </summary>
public sealed partial class MarketData : IDisposable
{
    /// <summary>Creates market data from a symbol table and trade columns, and optionally quotes and bars.</summary>
    public MarketData(SymbolTable symbols, TradeColumns trades, QuoteColumns? quotes = null, BarColumns? bars = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(trades);
        Symbols = symbols;
        Trades = trades;
        Quotes = quotes ?? QuoteColumns.Empty;
        Bars = bars ?? BarColumns.Empty;
    }

    /// <summary>The symbols; events refer to them by index.</summary>
    public SymbolTable Symbols { get; }

    /// <summary>The trades, in time order.</summary>
    public TradeColumns Trades { get; }

    /// <summary>The top-of-book quotes, in time order (empty when the data has none).</summary>
    public QuoteColumns Quotes { get; }

    /// <summary>The bars, in time order of their close (empty when the data has none).</summary>
    public BarColumns Bars { get; }

    /// <summary>The L2 book updates, in time order (empty when the data has none).</summary>
    public BookColumns Book { get; init; } = BookColumns.Empty;

    /// <summary>Total number of events.</summary>
    public long EventCount => (long)Trades.Count + Quotes.Count + Bars.Count + Book.Count;

    /// <summary>Funding settlements of perpetual contracts, in time order (empty when the data has none).</summary>
    public FundingColumns Funding { get; private init; } = FundingColumns.Empty;

    /// <summary>
    /// The same market data with <paramref name="funding"/> (whose symbol ids refer to <see cref="Symbols"/>). The columns
    /// are shared, not copied; the result does not own a file mapping, so dispose this instance, not the result.
    /// </summary>
    public MarketData WithFunding(FundingColumns funding)
    {
        ArgumentNullException.ThrowIfNull(funding);
        return new MarketData(Symbols, Trades, Quotes, Bars) { Funding = funding, MarkPrices = MarkPrices, Book = Book };
    }

    /// <summary>Like <see cref="WithFunding"/> and <see cref="WithMarkPrices"/>, but the result takes over this instance's file mapping: dispose the result only.</summary>
    internal MarketData WithOwned(FundingColumns funding, MarkPriceColumns markPrices) =>
        new(Symbols, Trades, Quotes, Bars) { Funding = funding, MarkPrices = markPrices, Book = Book, Resources = Resources };

    /// <summary>The exchange's mark prices, in time order (empty when the data has none; see <see cref="MarkSource"/>).</summary>
    public MarkPriceColumns MarkPrices { get; private init; } = MarkPriceColumns.Empty;

    /// <summary>
    /// The same market data with <paramref name="markPrices"/> (whose symbol ids refer to <see cref="Symbols"/>). The
    /// columns are shared, not copied; the result does not own a file mapping, so dispose this instance, not the result.
    /// </summary>
    /// <exception cref="MarketDataException">The mark prices were checked against fewer symbols than the data has.</exception>
    public MarketData WithMarkPrices(MarkPriceColumns markPrices)
    {
        ArgumentNullException.ThrowIfNull(markPrices);
        if (markPrices.Count != 0 && markPrices.SymbolCount > Symbols.Count)
            throw new MarketDataException(markPrices.Source, -1, "symbol", $"the mark prices have {markPrices.SymbolCount} symbols, the data '{Source}' only {Symbols.Count}");
        return new MarketData(Symbols, Trades, Quotes, Bars) { Funding = Funding, MarkPrices = markPrices, Book = Book };
    }

    /// <summary>Name of the source (file name or generator description).</summary>
    public string Source => Trades.Source;

    /// <summary>
    /// The data's identity for result metadata: source, symbols, time range, rows per kind and a content fingerprint
    /// (XxHash128 over the columns). Computed on first use, in one pass over the columns, and kept: every run and sweep
    /// over this data reuses it.
    /// </summary>
    public Results.DataIdentity Identity
    {
        get
        {
            if (_identity is { } known) return known;
            lock (_identityLock) return _identity ??= Results.DataIdentity.Compute(this);
        }
    }

    private readonly object _identityLock = new();
    private volatile Results.DataIdentity? _identity;

    /// <summary>What the columns live in when it is not the managed heap (a file mapping), released by <see cref="Dispose"/>.</summary>
    internal IDisposable? Resources { get; init; }

    /// <summary>
    /// Releases the memory mapping behind data opened from Arrow files; a no-op for data held in arrays.
    /// Call it only when no run uses the data any more: the columns point into the mapping.
    /// </summary>
    public void Dispose() => Resources?.Dispose();

    /// <summary>
    /// Builds market data from arrays of trades for one or more symbols (a convenience for tests and small
    /// examples). The arrays are taken over, not copied.
    /// </summary>
    public static MarketData FromTrades(string source, string[] symbols, long[] timestamps, int[] symbolIds, double[] prices, double[] sizes, Side[] aggressors)
    {
        var table = new SymbolTable(symbols);
        return new MarketData(table, new TradeColumns(source, table.Count, timestamps, symbolIds, prices, sizes, aggressors));
    }
}
