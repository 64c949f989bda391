using System.Collections.Generic;
using System.Linq;
using Backtester.Data;

namespace Backtester.Engine.Tests.Depth;

/// <summary>Builds market-by-order (L3) rows by hand, one symbol "X".</summary>
internal sealed class OrderTape
{
    private readonly List<(long Time, long Id, BookSide Side, double Price, double Size, MarketByOrderAction Action)> _rows = new();

    public OrderTape Add(long time, long id, BookSide side, double price, double size) => Row(time, id, side, price, size, MarketByOrderAction.Add);

    public OrderTape Modify(long time, long id, BookSide side, double price, double size) => Row(time, id, side, price, size, MarketByOrderAction.Modify);

    public OrderTape Cancel(long time, long id, BookSide side, double price) => Row(time, id, side, price, 0, MarketByOrderAction.Cancel);

    public OrderTape Execute(long time, long id, BookSide side, double price, double size) => Row(time, id, side, price, size, MarketByOrderAction.Execute);

    public OrderTape Row(long time, long id, BookSide side, double price, double size, MarketByOrderAction action)
    {
        _rows.Add((time, id, side, price, size, action));
        return this;
    }

    public MarketByOrderColumns Columns() => new("orders", 1, _rows.Select(r => r.Time).ToArray(), new int[_rows.Count],
        _rows.Select(r => r.Id).ToArray(), _rows.Select(r => r.Side).ToArray(), _rows.Select(r => r.Price).ToArray(),
        _rows.Select(r => r.Size).ToArray(), _rows.Select(r => r.Action).ToArray());

    public MarketData Build() => Columns().ToMarketData(new SymbolTable(new[] { "X" }));
}
