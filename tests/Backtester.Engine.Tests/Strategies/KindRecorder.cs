using System.Collections.Generic;

namespace Backtester.Engine.Tests.Strategies;

/// <summary>Records the kind of every event it hears of, in order (BlockOrder's codes: 0 funding, 1 quote, 2 trade, 3 bar, 4 mark price), and trades nothing.</summary>
[Strategy]
public partial class KindRecorder
{
    public List<byte> Kinds { get; } = new();

    [OnFunding]
    private void OnFunding(in Funding funding, Orders orders) => Kinds.Add(0);

    [OnQuote]
    private void OnQuote(in Quote quote, Orders orders) => Kinds.Add(1);

    [OnTrade]
    private void OnTrade(in Trade trade, Orders orders) => Kinds.Add(2);

    [OnBar]
    private void OnBar(in Bar bar, Orders orders) => Kinds.Add(3);

    [OnMarkPrice]
    private void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) => Kinds.Add(4);
}
