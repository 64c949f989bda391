using System.IO;
using Backtester.Engine.Tests;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// A run's summary, printed table and result files recomputed by a second method: tests/arrow-js/audit-run.mjs reads the
/// files with Apache Arrow JS and replays the fills, the round trips, the equity samples and, from the data, the equity at
/// every event, sharing no code with the engine. It fails on any figure that differs beyond its tolerance (1e-9 relative
/// for money, exact for counts and times).
/// </summary>
public sealed class IndependentAuditTests
{
    [Theory]
    // fees, slippage and latency at 10x with a maintenance margin that liquidates the account
    [InlineData("synthetic:market,days=7,quotes=false,bars=false", null, new[] { "--fee-bps", "5", "--slippage-bps", "3", "--latency-ms", "2", "-p", "Size=2",
        "--initial-capital", "10000", "--leverage", "10", "--maintenance-margin", "0.09" })]
    // an inverse contract: capital and PnL in BTC, contracts of 100 USD
    [InlineData("synthetic:market,days=3,quotes=false,bars=false,symbols=BTCUSDT",
        """{ "instruments": [ { "symbol": "BTCUSDT", "kind": "inverse", "baseCurrency": "BTC", "quoteCurrency": "USD", "contractMultiplier": 100 } ] }""",
        new[] { "--initial-capital", "1", "--fee-bps", "4", "--slippage-bps", "1" })]
    public void A_runs_figures_agree_with_a_second_method_recomputing_them_from_its_files(string market, string? instruments, string[] flags)
    {
        using var dir = new TempDirectory();
        string data = dir.File("trades.arrow"), run = dir.File("run"), table = dir.File("table.txt");
        Assert.Equal(0, Cli.Run("data", "convert", market, data, "-q").ExitCode);
        string[] audit = ["--data", data, "--table", table];
        string[] common = ["run", "-s", "SmaCross", "-d", data, "-o", run];
        if (instruments is not null)
        {
            File.WriteAllText(dir.File("instruments.json"), instruments);
            common = [.. common, "--instruments", dir.File("instruments.json")];
            audit = [.. audit, "--instruments", dir.File("instruments.json")];
        }
        var result = Cli.Run([.. common, .. flags]);
        Assert.True(result.ExitCode == 0, result.Error);
        File.WriteAllText(table, result.Out);

        string listing = ArrowJs.AuditRun(run, audit);
        Assert.Contains("ALL MATCH", listing);
    }
}
