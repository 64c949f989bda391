using System;
using System.IO;
using System.Linq;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Testing;
using Xunit;

namespace Backtester.Engine.Tests;

public class FundingTests
{
    private static MarketData WithFunding(MarketData data, params (long Time, int Symbol, double Rate, double Mark)[] rows) =>
        data.WithFunding(new FundingColumns("funding", data.Symbols.Count, rows.Select(r => r.Time).ToArray(), rows.Select(r => r.Symbol).ToArray(),
            rows.Select(r => r.Rate).ToArray(), rows.Select(r => r.Mark).ToArray()));

    [Fact]
    public void A_long_pays_and_a_short_receives_position_times_mark_price_times_rate()
    {
        // Long 2 X bought at 100 (fills at 2 000), short 3 Y sold at 50. Funding at 3 500: X rate 0.0001 at mark 110,
        // Y rate 0.0002 at mark 40. X pays 2 × 110 × 0.0001 = 0.022; Y receives 3 × 40 × 0.0002 = 0.024.
        var tape = new Tape("X", "Y").Trade(1_000, 100).Trade(1_000, 50, symbol: 1).Trade(2_000, 100).Trade(2_000, 50, symbol: 1)
            .Trade(4_000, 100).Trade(4_000, 50, symbol: 1);
        var data = WithFunding(tape.Build(), (3_500, 0, 0.0001, 110), (3_500, 1, 0.0002, 40));
        var script = new Script().At(0, Side.Buy, 2, symbol: 0).At(1, Side.Sell, 3, symbol: 1);

        var (result, _) = Runs.Of(data, script, new BacktestOptions { InitialCapital = 1000 });

        Assert.Equal(0.002, result.Summary.Funding, 12); // −0.022 + 0.024
        Assert.Equal((-0.022, 0.024), (Math.Round(result.Positions[0].Funding, 12), Math.Round(result.Positions[1].Funding, 12)));
        Assert.Equal(1000 + 0.002, result.Summary.FinalEquity, 9); // prices back where they were bought: only funding moved equity
        Assert.Equal(result.Summary.GrossPnl - result.Summary.Fees + result.Summary.Funding, result.Summary.NetPnl, 9);
        Assert.Equal(new[] { "T0@1000", "T1@1000", "T0@2000", "T1@2000", "F0@3500", "F1@3500", "T0@4000", "T1@4000" }, script.Seen);
    }

    [Fact]
    public void OnFunding_hears_the_amount_booked_for_the_position()
    {
        // Long 2 BTCUSDT bought at 50,000 (decided at 1 000, filled at 2 000). The settlement at 500 finds it flat: 0. The
        // settlement at 3 000 (rate 0.0001, mark 50,000; before the trade at 3 000) books −2 × 50,000 × 0.0001 = −10: the long
        // pays 10 USDT, and its handler hears −10. The one at 4 000 has no mark price: at the last price, 50,000 again, −10.
        var data = WithFunding(new Tape("BTCUSDT").Trades(50_000, 50_000, 50_000, 50_000).Build(),
            (500, 0, 0.0001, 50_000), (3_000, 0, 0.0001, 50_000), (4_000, 0, 0.0001, double.NaN));
        var script = new Script().At(0, Side.Buy, 2);

        var (result, _) = Runs.Of(data, script, new BacktestOptions { InitialCapital = 200_000 });

        Assert.Equal(new[] { 0, -10.0, -10.0 }, script.FundingSeen.Select(f => Math.Round(f.Amount, 9)).ToArray());
        Assert.Equal(-20, result.Summary.Funding, 9);
        Assert.True(double.IsNaN(data.Funding[1].Amount)); // the data's row: nothing booked
        Assert.Equal(new Funding(3_000, 0, 0.0001, 50_000), data.Funding[1]);
    }

    [Fact]
    public void Funding_at_the_time_of_a_fill_is_settled_before_the_fill_and_without_a_mark_price_at_the_last_price()
    {
        // The buy decided at 1 000 fills on the trade at 2 000; funding at 2 000 comes first, on a flat position: nothing.
        // Funding at 3 000 without a mark price uses the last price, that of the trade at 2 000 (the trade at 3 000 comes
        // after the settlement): 1 × 102 × 0.001 = 0.102 paid.
        var data = WithFunding(new Tape().Trades(100, 102, 104, 106).Build(), (2_000, 0, 0.01, 101), (3_000, 0, 0.001, double.NaN));
        var script = new Script().At(0, Side.Buy, 1);

        var (result, _) = Runs.Of(data, script);

        Assert.Equal(-0.102, result.Summary.Funding, 12);
        Assert.Equal(new[] { 2_000L, 3_000L }, script.FundingSeen.Select(f => f.Timestamp).ToArray());
    }

    [Fact]
    public void Funding_scales_with_the_contract_multiplier()
    {
        // 3 contracts × multiplier 10 × mark 100 × 0.0005 = 1.5 paid
        var data = WithFunding(new Tape().Trades(100, 100, 100).Build(), (2_500, 0, 0.0005, 100));
        var options = new BacktestOptions { Instruments = new[] { new Instrument("X") { ContractMultiplier = 10 } } };

        var (result, _) = Runs.Of(data, new Script().At(0, Side.Buy, 3), options);

        Assert.Equal(-1.5, result.Summary.Funding, 12);
    }

    [Fact]
    public void A_generated_strategy_hears_funding_through_OnFunding_and_the_ledger_file_has_the_payments()
    {
        var data = WithFunding(new Tape().Trades(100, 100, 100, 100).Build(), (1_500, 0, 0.001, 100), (2_500, 0, 0.001, 100), (3_500, 0, -0.002, 100));
        var strategy = new FundingCounter { Size = 2 };
        using var dir = new TempDirectory();

        BacktestResult result = Backtest.Run(data, strategy, new BacktestOptions { Output = new RunOutput(dir.Path) });

        // The long 2 fills at 2 000: the first settlement finds it flat; then pays 2 × 100 × 0.001 = 0.2, then receives 0.4.
        Assert.Equal(3, strategy.Settlements);
        Assert.Equal(2, strategy.PositionAtLastFunding);
        Assert.Equal(0.2, result.Summary.Funding, 12);
        Assert.Equal(0 - 0.2 + 0.4, strategy.AmountsHeard, 12); // what it was told adds up to what was booked
        using var stream = File.OpenRead(dir.File("ledger.arrow"));
        using var reader = new ArrowFileReader(stream);
        RecordBatch batch = reader.ReadNextRecordBatch();
        Assert.Equal(2, batch.Length);
        var amounts = (DoubleArray)batch.Column("amount");
        var times = (TimestampArray)batch.Column("timestamp");
        Assert.Equal(new[] { -0.2, 0.4 }, new[] { Math.Round(amounts.GetValue(0)!.Value, 12), Math.Round(amounts.GetValue(1)!.Value, 12) });
        Assert.Equal(new[] { 2_500L, 3_500L }, new[] { times.GetValue(0)!.Value, times.GetValue(1)!.Value });
    }

    [Fact]
    public void Binance_dump_and_api_layouts_read_as_settlements_in_nanoseconds()
    {
        using var dir = new TempDirectory();
        var symbols = new SymbolTable(new[] { "BTCUSDT", "ETHUSDT" });
        string dump = dir.File("ETHUSDT-fundingRate-2024-01.csv");
        File.WriteAllText(dump, "calc_time,funding_interval_hours,last_funding_rate\n1704067200000,8,0.00010000\n1704096000000,8,-0.00002500\n");
        string api = dir.File("api.csv");
        File.WriteAllText(api, "symbol,fundingTime,fundingRate,markPrice\nBTCUSDT,1704067200001,0.0001,42000.5\nDOGEUSDT,1704067200001,0.0003,0.09\nBTCUSDT,1704096000000,0.0002,\n");

        FundingColumns a = FundingFile.Read(dump, symbols);
        FundingColumns b = FundingFile.Read(api, symbols);

        Assert.Equal(new[] { new Funding(1_704_067_200_000_000_000, 1, 0.0001, double.NaN), new Funding(1_704_096_000_000_000_000, 1, -0.000025, double.NaN) },
            new[] { a[0], a[1] });
        Assert.Equal(2, b.Count); // DOGEUSDT is not in the data
        Assert.Equal(new Funding(1_704_067_200_001_000_000, 0, 0.0001, 42000.5), b[0]);
        Assert.True(double.IsNaN(b[1].MarkPrice));
    }

    [Fact]
    public void Tardis_derivative_ticker_snapshots_become_one_settlement_per_funding_time_at_the_last_rate_and_mark()
    {
        using var dir = new TempDirectory();
        string path = dir.File("derivative_ticker.csv");
        // µs. Funding at F = 8 000 000: rates announced 0.0001 then 0.00012; marks 100, 101, then 102 at F itself; the snapshot
        // at 8 000 001 (announcing F2 = 16 000 000) shows it happened. F2 never happens within the file.
        File.WriteAllText(path, """
            exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price
            binance-futures,BTCUSDT,1000000,1000100,8000000,0.0001,,,100,100,100
            binance-futures,BTCUSDT,5000000,5000100,8000000,0.00012,,,101,101,101
            binance-futures,BTCUSDT,8000000,8000100,8000000,0.00012,,,102,102,102
            binance-futures,BTCUSDT,8000001,8000101,16000000,0.0003,,,103,103,103
            """.Replace("            ", ""));

        FundingColumns f = FundingFile.Read(path, new SymbolTable(new[] { "BTCUSDT" }));

        Assert.Equal(1, f.Count);
        Assert.Equal(new Funding(8_000_000_000, 0, 0.00012, 102), f[0]);
    }

    [Fact]
    public void A_funding_file_of_an_unknown_layout_is_an_error_naming_the_file_and_its_header()
    {
        using var dir = new TempDirectory();
        string path = dir.File("x.csv");
        File.WriteAllText(path, "a,b\n1,2\n");

        var ex = Assert.Throws<MarketDataException>(() => FundingFile.Read(path, new SymbolTable(new[] { "X" })));
        Assert.Contains("x.csv", ex.Message);
        Assert.Contains("a, b", ex.Message);
    }
}
