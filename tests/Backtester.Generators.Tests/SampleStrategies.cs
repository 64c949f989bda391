namespace Backtester.Generators.Tests;

/// <summary>User strategy sources shared by the snapshot and compile-and-run tests.</summary>
internal static class SampleStrategies
{
    /// <summary>The example from the design: 10 x 10 x 4 x 2 = 800 combinations, two handlers.</summary>
    public const string SmaCross = """
        using Backtester;

        namespace Demo;

        [Strategy]
        public partial class SmaCross
        {
            [Param(5, 50, Step = 5)]      public int Fast { get; init; } = 10;
            [Param(20, 200, Step = 20)]   public int Slow { get; init; } = 50;
            [Param(0.5, 2.0, Step = 0.5)] public double Size { get; init; } = 1;
            [Param] public bool UseStop { get; set; }

            public int Trades { get; private set; }
            public int Fills { get; private set; }

            [OnTrade] void OnTrade(in Trade t, Orders orders) { Trades++; }
            [OnFill]  void OnFill(in Fill f) { Fills++; }
        }
        """;

    /// <summary>A struct strategy with enums (all members and a subset), a decimal range, a value list and a long range.</summary>
    public const string GridMaker = """
        using Backtester;

        namespace Demo.Structs;

        public enum Mode { Trend, MeanRevert, Breakout }

        [Strategy(Name = "Grid maker")]
        public partial struct GridMaker
        {
            [Param] public Mode Mode;
            [Param(Values = new[] { Mode.Trend, Mode.Breakout })] public Mode ExitMode { get; set; }
            [Param(0.25, 1.0, Step = 0.25)] public decimal Spread { get; set; }
            [Param(Values = new[] { 3, 7, 11 })] public int Levels;
            [Param(100, 300, Step = 100)] public long Depth { get; set; }

            public int Quotes;

            [OnQuote] private void OnQuote(Quote quote, Orders orders) { Quotes++; }
        }
        """;

    /// <summary>No parameters, every handler, the global namespace.</summary>
    public const string Recorder = """
        using Backtester;

        [Strategy]
        public partial class Recorder
        {
            public System.Collections.Generic.List<string> Calls { get; } = new();

            [OnStart] void Start() => Calls.Add("start");
            [OnTrade] void Trade(in Trade trade, Orders orders) => Calls.Add("trade " + trade.Price);
            [OnQuote] void Quote(in Quote quote) => Calls.Add("quote " + quote.BidPrice);
            [OnBar] void Bar(Bar bar, Orders orders) => Calls.Add("bar " + bar.Close);
            [OnBook] void Book(in BookUpdate update) => Calls.Add("book " + update.Price + " best bid " + update.Book.BestBid);
            [OnFill] void Fill(in Fill fill, Orders orders) => Calls.Add("fill " + fill.Price);
            [OnOrder] void Order(in OrderUpdate update) => Calls.Add("order " + update.Status);
            [OnFinish] void Finish(Orders orders) => Calls.Add("finish");
        }
        """;
}
