using System.Text.RegularExpressions;

namespace Backtester.Packaging.Tests;

/// <summary>A user's project with one package reference, Backtester.Engine, gets the SDK, the generator and the analyzer.</summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class ConsumerTests(LocalFeed feed)
{
    private const string Strategy = """
        using Backtester;
        using Backtester.Indicators;

        namespace Consumer;

        [Strategy]
        public partial class MyStrategy
        {
            [Param(10, 50, Step = 10)] public int Lookback { get; init; } = 20;
            [Param(0.5, 1.5, Step = 0.5)] public double Size { get; init; } = 1;
            [Param] public bool Reverse { get; init; }

            private Sma[] _average = [];

            [OnStart]
            private void Start(Orders orders)
            {
                _average = new Sma[orders.SymbolCount];
                for (int s = 0; s < orders.SymbolCount; s++) _average[s] = new Sma(Lookback);
            }

            [OnTrade]
            private void OnTrade(in Trade trade, Orders orders)
            {
                ref Sma average = ref _average[trade.SymbolId]; // Sma is a struct: update it in place
                average.Update(trade.Price);
                if (!average.IsReady) return;
                bool above = trade.Price > average.Value;
                double target = above != Reverse ? Size : -Size;
                double delta = target - orders.Position;
                if (delta > 1e-12) orders.Market(Side.Buy, delta);
                else if (delta < -1e-12) orders.Market(Side.Sell, -delta);
            }
        }
        """;

    private const string Program = """
        using System;
        using Backtester;
        using Backtester.Data;
        using Consumer;

        BacktestResult result = Backtest.Run(SyntheticData.Trades(new SyntheticDataOptions { Events = 10_000 }), new MyStrategy());
        Console.WriteLine($"grid={MyStrategy.Grid.Count}");
        Console.WriteLine($"fills={result.Summary.Fills}");
        """;

    [Fact]
    public void Project_referencing_only_the_Engine_package_gets_the_generator_and_runs_a_backtest()
    {
        var consumer = ConsumerProject.Create(feed, "GeneratorConsumer");
        consumer.Write("MyStrategy.cs", Strategy);
        consumer.Write("Program.cs", Program);

        consumer.Build().ShouldSucceed();
        CliResult run = consumer.Run().ShouldSucceed();

        const int lookbacks = 5, sizes = 3, reverses = 2; // 10..50 step 10; 0.5..1.5 step 0.5; false/true
        Assert.Contains($"grid={lookbacks * sizes * reverses}", run.Output);
        Match fills = Regex.Match(run.Output, @"fills=(\d+)");
        Assert.True(fills.Success && long.Parse(fills.Groups[1].Value) > 0, run.ToString());
    }

    [Fact]
    public void Strategy_without_partial_fails_to_build_with_BT0001_from_the_packaged_analyzer()
    {
        var consumer = ConsumerProject.Create(feed, "AnalyzerConsumer");
        consumer.Write("MyStrategy.cs", Strategy.Replace("public partial class MyStrategy", "public class MyStrategy"));
        consumer.Write("Program.cs", """
            System.Console.WriteLine(new Consumer.MyStrategy().Lookback);
            """);

        CliResult build = consumer.Build();

        Assert.True(build.ExitCode != 0, "The build should fail.\n" + build);
        Assert.Contains("error BT0001", build.Output);
        Assert.Contains("MyStrategy.cs(7,", build.Output); // located on the strategy's declaration
    }
}
