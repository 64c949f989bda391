using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Backtester.Packaging.Tests;

/// <summary>
/// The user's first steps: `dotnet new install Backtester.Templates`, `dotnet new backtester-strategy -n MyAlpha`,
/// build and run. The template is installed into a temporary hive and CLI home, never the machine's own.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class TemplateTests(LocalFeed feed)
{
    [Fact]
    public void Dotnet_new_backtester_strategy_creates_a_project_that_builds_and_runs_a_sweep()
    {
        string workspace = feed.CreateWorkspace("Template");
        string hive = Path.Combine(workspace, ".hive");
        var cliHome = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(workspace, ".cli-home") };

        DotnetCli.Run(workspace, ["new", "install", feed.PackagePath("Backtester.Templates"), "--debug:custom-hive", hive], cliHome).ShouldSucceed();
        DotnetCli.Run(workspace, ["new", "backtester-strategy", "-n", "MyAlpha", "-o", "MyAlpha", "--no-update-check", "--debug:custom-hive", hive], cliHome).ShouldSucceed();

        var project = new ConsumerProject(Path.Combine(workspace, "MyAlpha"), "MyAlpha");
        string csproj = File.ReadAllText(Path.Combine(project.Directory, "MyAlpha.csproj"));
        Assert.Contains($"""<PackageReference Include="Backtester.Engine" Version="{feed.Version}" />""", csproj);
        Assert.Contains("public partial class MyAlpha", File.ReadAllText(Path.Combine(project.Directory, "MyAlpha.cs")));

        project.Build().ShouldSucceed();
        // A one-shot sweep compiles without quick JIT, and `dotnet run` tiers up without the call-counting delay
        // (decision 0119): the setting reaches the built runtimeconfig, and the launch profile carries the project's name.
        string runtimeConfig = File.ReadAllText(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "MyAlpha.runtimeconfig.json"));
        Assert.Contains("\"System.Runtime.TieredCompilation.QuickJit\": false", runtimeConfig);
        string launchProfile = File.ReadAllText(Path.Combine(project.Directory, "Properties", "launchSettings.json"));
        Assert.Contains("\"MyAlpha\": {", launchProfile);
        Assert.Contains("\"DOTNET_TC_QuickJit\": \"1\"", launchProfile);
        Assert.Contains("\"DOTNET_TC_CallCountingDelayMs\": \"0\"", launchProfile);
        CliResult run = project.Run().ShouldSucceed();

        const int lookbacks = 5, sizes = 2, everies = 2; // 100..500 step 100; 0.5..1.0 step 0.5; {50, 200}
        Assert.Contains($"MyAlpha: {lookbacks * sizes * everies} combinations", run.Output);
        string[] rows = run.Output.Split('\n').Where(line => line.Contains("Parameters {")).ToArray();
        Assert.True(rows.Length == 5, "expected the top 5 rows\n" + run);

        // The template's sweep ends with sane positions: every combination, run with Program.cs's options (2 bps,
        // 1 ms latency), ends with each symbol's position worth at most its target (Size × 10,000 at its entry price),
        // and a finite net PnL. Sizing against Position alone once re-sent the target while orders were in flight, ending
        // with positions of 2e74 units.
        project.Write("Program.cs", SanePositionsProgram);
        project.Build().ShouldSucceed();
        CliResult check = project.Run().ShouldSucceed();
        Assert.Contains($"combinations {lookbacks * sizes * everies}", check.Output);
        Assert.Contains("insane 0", check.Output);
    }

    private const string SanePositionsProgram = """
        using System;
        using Backtester;

        MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = 200_000 });
        var options = new BacktestOptions { TakerFeeBps = 2, OrderLatencyNs = 1_000_000 };
        int combinations = 0, insane = 0;
        foreach (int lookback in new[] { 100, 200, 300, 400, 500 })
        foreach (double size in new[] { 0.5, 1.0 })
        foreach (int every in new[] { 50, 200 })
        {
            combinations++;
            BacktestResult result = Backtest.Run(data, new MyAlpha { Lookback = lookback, Size = size, Every = every }, options);
            bool sane = double.IsFinite(result.Summary.NetPnl) && result.Summary.Fills > 0;
            // The template targets Size × 10,000 of quote currency per symbol: the position's cost is at most that,
            // give or take the price move between the decision and the fill 1 ms later (1% is far more than it moves).
            foreach (PositionSnapshot p in result.Positions) sane &= Math.Abs(p.Position * p.AveragePrice) <= size * 10_000 * 1.01;
            if (!sane) { insane++; Console.WriteLine($"insane: {lookback} {size} {every}: {result.Summary.NetPnl}"); }
        }
        Console.WriteLine($"combinations {combinations} insane {insane}");
        """;
}
