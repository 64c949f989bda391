using System.Collections.Generic;
using System.Linq;
using Backtester.Data;

namespace Backtester.Engine.Tests;

/// <summary>Builds small mixed market data by hand: quotes, trades and bars of named symbols, each kind in time order.</summary>
internal sealed class Tape
{
    private readonly string[] _symbols;
    private readonly List<Quote> _quotes = new();
    private readonly List<Trade> _trades = new();
    private readonly List<Bar> _bars = new();
    private readonly List<MarkPriceUpdate> _marks = new();
    private readonly List<(long Time, int Symbol, BookSide Side, double Price, double Size, BookUpdateFlags Flags)> _levels = new();

    public Tape(params string[] symbols) => _symbols = symbols.Length == 0 ? new[] { "X" } : symbols;

    public Tape Quote(long time, double bid, double bidSize, double ask, double askSize, int symbol = 0)
    {
        _quotes.Add(new Quote(time, symbol, bid, bidSize, ask, askSize));
        return this;
    }

    public Tape Trade(long time, double price, double size = 1, int symbol = 0, Side aggressor = Side.Buy)
    {
        _trades.Add(new Trade(time, symbol, price, size, aggressor));
        return this;
    }

    /// <summary>A bar closing at <paramref name="time"/>.</summary>
    public Tape Bar(long time, double open, double high, double low, double close, double volume = 10, int symbol = 0)
    {
        _bars.Add(new Bar(time, symbol, open, high, low, close, volume));
        return this;
    }

    /// <summary>A book update: the level at <paramref name="price"/> now holds <paramref name="size"/> (0 removes it).</summary>
    public Tape Level(long time, BookSide side, double price, double size, BookUpdateFlags flags = BookUpdateFlags.None, int symbol = 0)
    {
        _levels.Add((time, symbol, side, price, size, flags));
        return this;
    }

    /// <summary>An exchange mark price (MarketData.MarkPrices).</summary>
    public Tape Mark(long time, double price, int symbol = 0)
    {
        _marks.Add(new MarkPriceUpdate(time, symbol, price));
        return this;
    }

    /// <summary>One trade per price, 1 µs apart from t = 1000 ns.</summary>
    public Tape Trades(params double[] prices)
    {
        for (int i = 0; i < prices.Length; i++) Trade(1_000L + i * 1_000L, prices[i]);
        return this;
    }

    public MarketData Build()
    {
        var table = new SymbolTable(_symbols);
        int n = table.Count;
        var trades = new TradeColumns("tape", n, _trades.Select(t => t.Timestamp).ToArray(), _trades.Select(t => t.SymbolId).ToArray(),
            _trades.Select(t => t.Price).ToArray(), _trades.Select(t => t.Size).ToArray(), _trades.Select(t => t.Aggressor).ToArray());
        var quotes = new QuoteColumns("tape", n, _quotes.Select(q => q.Timestamp).ToArray(), _quotes.Select(q => q.SymbolId).ToArray(),
            _quotes.Select(q => q.BidPrice).ToArray(), _quotes.Select(q => q.BidSize).ToArray(), _quotes.Select(q => q.AskPrice).ToArray(), _quotes.Select(q => q.AskSize).ToArray());
        var bars = new BarColumns("tape", n, _bars.Select(b => b.Timestamp).ToArray(), _bars.Select(b => b.SymbolId).ToArray(),
            _bars.Select(b => b.Open).ToArray(), _bars.Select(b => b.High).ToArray(), _bars.Select(b => b.Low).ToArray(), _bars.Select(b => b.Close).ToArray(), _bars.Select(b => b.Volume).ToArray());
        var book = new BookColumns("tape", n, _levels.Select(l => l.Time).ToArray(), _levels.Select(l => l.Symbol).ToArray(), _levels.Select(l => l.Side).ToArray(),
            _levels.Select(l => l.Price).ToArray(), _levels.Select(l => l.Size).ToArray(), _levels.Select(l => l.Flags).ToArray());
        var data = new MarketData(table, trades, quotes, bars) { Book = book };
        if (_marks.Count == 0) return data;
        return data.WithMarkPrices(new MarkPriceColumns("tape marks", n, _marks.Select(m => m.Timestamp).ToArray(), _marks.Select(m => m.SymbolId).ToArray(),
            _marks.Select(m => m.Price).ToArray()));
    }
}

/// <summary>Runs a <see cref="Script"/> over data.</summary>
internal static class Runs
{
    public static (BacktestResult Result, Script Script) Of(MarketData data, Script script, BacktestOptions? options = null)
    {
        var driver = new ScriptedDriver(script);
        return (new BacktestRunner().Run(data, ref driver, options), script);
    }
}
