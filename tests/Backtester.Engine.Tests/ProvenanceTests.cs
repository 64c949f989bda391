using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow.Ipc;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Backtester.Results;
using Xunit;

namespace Backtester.Engine.Tests;

public class ProvenanceTests
{
    private static readonly MarketData Data = SyntheticData.Trades(new SyntheticDataOptions { Events = 3_000, Symbols = 2 });

    private static readonly BacktestOptions Options = new()
    {
        InitialCapital = 50_000,
        OrderLatencyNs = 1_000,
        FeedLatencyNs = 250,
        TakerFeeBps = 2.5,
        MakerFeeBps = -0.5,
        SymbolFees = new Dictionary<string, FeeSchedule> { ["SYN1"] = new(1, 4), ["SYN0"] = new(0.1, 3) },
        FeePerFill = 0.01,
        SlippageBps = 1,
        LimitFillsToDisplayedSize = true,
        QueuePosition = QueuePosition.Optimistic,
        EquitySampleIntervalNs = 60_000_000_000,
        TradeLog = TradeLogMode.RingBuffer(10),
    };

    private static IReadOnlyDictionary<string, string> MetadataOf(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        return reader.Schema.Metadata;
    }

    [Fact]
    public void Every_file_of_a_run_records_strategy_grid_data_every_option_and_the_engine()
    {
        using var dir = new TempDirectory();
        Backtest.Run(Data, new Signaller { Every = 50 }, Options with { Output = new RunOutput(dir.Path) });

        var files = new[] { "summary", "fills", "equity", "signal_snapshot", "orders", "round_trips", "symbols" };
        Assert.Equal(files.Select(f => f + ".arrow").OrderBy(f => f), Directory.GetFiles(dir.Path).Select(Path.GetFileName).OrderBy(f => f));
        var (first, last) = (Data.Trades.Timestamps.Span[0], Data.Trades.Timestamps.Span[^1]);
        foreach (string table in files)
        {
            IReadOnlyDictionary<string, string> m = MetadataOf(dir.File(table + ".arrow"));
            Assert.Equal(table, m["backtester.table"]);
            Assert.Equal("1", m["backtester.schema"]);
            Assert.Equal(ResultMetadata.CurrentEngineVersion, m["backtester.engine_version"]);
            Assert.Equal("Signaller", m["backtester.strategy"]);
            Assert.Equal("Backtester.Engine.Tests.Strategies.Signaller", m["backtester.strategy.type"]);
            Assert.Equal(typeof(Signaller).Assembly.FullName, m["backtester.strategy.assembly"]);
            Assert.Equal(typeof(Signaller).Assembly.ManifestModule.ModuleVersionId.ToString(), m["backtester.strategy.assembly_build"]);
            Assert.Equal("Every=50", m["backtester.parameters"]);
            // [Param(50, 100, Step = 50)]: two values.
            Assert.Equal("2", m["backtester.grid.size"]);
            Assert.Equal("[\"Every\"]", m["backtester.grid.parameters"]);
            Assert.Equal("{\"type\":\"Int32\",\"count\":2,\"values\":[\"50\",\"100\"]}", m["backtester.grid.param.Every"]);
            Assert.Equal(Data.Source, m["backtester.data_source"]);
            Assert.Equal("{\"0\":\"SYN0\",\"1\":\"SYN1\"}", m["backtester.data.symbols"]);
            Assert.Equal(first.ToString(), m["backtester.data.first_time_ns"]);
            Assert.Equal(last.ToString(), m["backtester.data.last_time_ns"]);
            Assert.Equal("3000", m["backtester.data.trades"]);
            Assert.Equal("0", m["backtester.data.quotes"]);
            Assert.Equal("0", m["backtester.data.bars"]);
            Assert.Equal("1", m["backtester.data.segments"]);
            Assert.Equal(Data.Identity.Fingerprint, m["backtester.data.fingerprint"]);

            var options = m.Where(p => p.Key.StartsWith("backtester.options.")).ToDictionary(p => p.Key["backtester.options.".Length..], p => p.Value);
            Assert.Equal(new Dictionary<string, string>
            {
                ["initial_capital"] = "50000",
                ["order_latency_ns"] = "1000",
                ["order_latency"] = "",
                ["response_latency"] = "",
                ["feed_latency_ns"] = "250",
                ["taker_fee_bps"] = "2.5",
                ["maker_fee_bps"] = "-0.5",
                ["symbol_fees"] = "SYN0=maker:0.1,taker:3;SYN1=maker:1,taker:4",
                ["fee_per_fill"] = "0.01",
                ["slippage_bps"] = "1",
                ["limit_fills_to_displayed_size"] = "true",
                ["queue_position"] = "Optimistic",
                ["queue_power_exponent"] = "2",
                ["equity_sample_interval_ns"] = "60000000000",
                ["trade_log"] = "RingBuffer(10)",
                ["periods_per_year"] = "",                // not set: 365 days per sampling interval
                ["annualization_factor"] = "525600",      // 365 × 24 × 60 one-minute intervals
                ["instruments"] = "",                     // none
                ["reporting_currency"] = "",              // not set: the default
                ["off_grid_orders"] = "Reject",
                ["stop_trigger"] = "LastPrice",           // the default: trades and bars
                ["mark_with"] = "Events",                 // the default: the market's prices
                ["account"] = "Margin(initial_margin:1,maintenance_margin:0,allow_short_selling:false,liquidation_fee_bps:50)", // the default: 1x, liquidation fee 50 bps
            }, options);
        }
    }

    [Fact]
    public void Book_updates_and_funding_are_part_of_the_data_fingerprint_and_the_last_book_row_is_the_last_time()
    {
        // Book-only data that differs in one size, and trades that differ only in funding, must not look the same to
        // resume and merge; data without either keeps the three-kind fingerprint (the test above computes it by hand).
        MarketData BookOf(double size) => new Tape().Level(1_000, BookSide.Bid, 99, 1, BookUpdateFlags.Reset).Level(2_000, BookSide.Ask, 101, size).Build();
        MarketData a = BookOf(2), b = BookOf(2), c = BookOf(3);
        Assert.Equal(a.Identity.Fingerprint, b.Identity.Fingerprint);
        Assert.NotEqual(a.Identity.Fingerprint, c.Identity.Fingerprint);
        Assert.Equal((1_000L, 2_000L), (a.Identity.FirstTimeNs, a.Identity.LastTimeNs));

        MarketData trades = new Tape().Trades(100, 101).Build();
        FundingColumns Funding(double rate) => new("f", 1, new long[] { 1_500 }, new[] { 0 }, new[] { rate }, new[] { 100.0 });
        string plain = trades.Identity.Fingerprint;
        Assert.NotEqual(plain, trades.WithFunding(Funding(0.001)).Identity.Fingerprint);
        Assert.NotEqual(trades.WithFunding(Funding(0.001)).Identity.Fingerprint, trades.WithFunding(Funding(0.002)).Identity.Fingerprint);
    }

    [Fact]
    public void Symbols_on_isolated_margin_are_recorded_with_the_account_in_ordinal_order()
    {
        var account = AccountOptions.Margin(10, 0.05) with { IsolatedSymbols = new[] { "SYN1", "SYN0" } };
        var recorded = ResultMetadata.Create(Data.Identity, BacktestOptions.Default with { Account = account }).Options["account"];
        Assert.Equal("Margin(initial_margin:0.1,maintenance_margin:0.05,allow_short_selling:false,liquidation_fee_bps:50,isolated:[SYN0 SYN1])", recorded);
        // None isolated: the text written before isolated margin existed, so earlier results still resume and merge.
        Assert.Equal("Margin(initial_margin:0.1,maintenance_margin:0.05,allow_short_selling:false,liquidation_fee_bps:50)",
            ResultMetadata.Create(Data.Identity, BacktestOptions.Default with { Account = account with { IsolatedSymbols = [] } }).Options["account"]);
    }

    [Fact]
    public void Every_backtest_option_but_the_output_folder_is_recorded()
    {
        // Adding an option without recording it would make results whose setup nobody can tell: this lists them all.
        var recorded = ResultMetadata.Create(Data.Identity, BacktestOptions.Default).Options.Keys.Order().ToArray();
        var properties = typeof(BacktestOptions).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p.Name != nameof(BacktestOptions.Output)).ToArray();
        Assert.Equal(properties.Length, recorded.Length);
        Assert.Equal(new[] { "account", "annualization_factor", "equity_sample_interval_ns", "fee_per_fill", "feed_latency_ns", "initial_capital", "instruments", "limit_fills_to_displayed_size", "maker_fee_bps",
            "mark_with", "off_grid_orders", "order_latency", "order_latency_ns", "periods_per_year", "queue_position", "queue_power_exponent", "reporting_currency", "response_latency", "slippage_bps", "stop_trigger", "symbol_fees", "taker_fee_bps", "trade_log" }, recorded);
    }

    [Fact]
    public void The_data_fingerprint_is_xxhash128_of_the_symbols_and_columns_and_ignores_the_source_name()
    {
        long[] ts = { 1_000, 2_000, 3_000 };
        int[] ids = { 0, 1, 0 };
        double[] px = { 100, 200, 100.5 };
        double[] sz = { 1, 2, 3 };
        Side[] ag = { Side.Buy, Side.Sell, Side.Buy };
        using MarketData a = MarketData.FromTrades("a.arrow", new[] { "AAA", "BB" }, ts, ids, px, sz, ag);
        using MarketData b = MarketData.FromTrades("b.arrow", new[] { "AAA", "BB" }, ts.ToArray(), ids.ToArray(), px.ToArray(), sz.ToArray(), ag.ToArray());
        using MarketData c = MarketData.FromTrades("a.arrow", new[] { "AAA", "BB" }, ts, ids, new[] { 100, 200, Math.BitIncrement(100.5) }, sz, ag);

        // The same bytes hashed in one piece: length-prefixed UTF-8 names, then per kind its row count and its columns.
        var bytes = new List<byte>();
        void Text(string s) { var u = Encoding.UTF8.GetBytes(s); bytes.AddRange(BitConverter.GetBytes((long)u.Length)); bytes.AddRange(u); }
        void Column<T>(T[] values) where T : unmanaged => bytes.AddRange(MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        Text("AAA"); Text("BB");
        bytes.AddRange(BitConverter.GetBytes(3L)); Column(ts); Column(ids); Column(px); Column(sz); Column(ag);
        bytes.AddRange(BitConverter.GetBytes(0L)); // no quotes
        bytes.AddRange(BitConverter.GetBytes(0L)); // no bars
        string expected = "xxh128:" + Convert.ToHexStringLower(XxHash128.Hash(bytes.ToArray()));

        Assert.Equal(expected, a.Identity.Fingerprint);
        Assert.Equal(a.Identity.Fingerprint, b.Identity.Fingerprint);
        Assert.NotEqual(a.Identity.Fingerprint, c.Identity.Fingerprint);
        Assert.Equal(new DataIdentity("a.arrow", new[] { "AAA", "BB" }, 1_000, 3_000, 3, 0, 0, 1, expected), a.Identity);
        Assert.Same(a.Identity, a.Identity); // computed once per MarketData
    }

    [Fact]
    public void The_grid_definition_lists_every_parameter_with_its_type_and_values_in_grid_order()
    {
        GridDefinition grid = GridDefinition.Of<WideGrid.Parameters>();

        // 100 lengths x 3 picks x 2 bools x 2 ratios.
        Assert.Equal(1200, grid.Size);
        Assert.Equal(new[] { "Length", "Picked", "Buy", "Ratio" }, grid.Parameters.Select(p => p.Name));
        Assert.Equal(new[] { "Int32", "Int32", "Boolean", "Decimal" }, grid.Parameters.Select(p => p.Type));
        string lengths = string.Join(", ", Enumerable.Range(1, 63)) + ", …, 100";
        Assert.Equal("Int32 [100]: " + lengths, grid.Parameters[0].Describe());
        Assert.Equal("Int32 [3]: 7, 3, 11", grid.Parameters[1].Describe());
        Assert.Equal("Boolean [2]: false, true", grid.Parameters[2].Describe());
        Assert.Equal("Decimal [2]: 0.25, 0.50", grid.Parameters[3].Describe());
        Assert.Equal(grid, GridDefinition.Of<WideGrid.Parameters>());
        Assert.NotEqual(grid.Fingerprint, GridDefinition.Of<EveryNth.Parameters>().Fingerprint);
    }

    [Fact]
    public void ResultMetadata_reads_back_what_a_run_wrote()
    {
        using var dir = new TempDirectory();
        Backtest.Run(Data, new EveryNth { Every = 128, Size = 1.5 }, Options with { Output = new RunOutput(dir.Path) { Metadata = new Dictionary<string, string> { ["experiment"] = "A/B 7" } } });

        ResultMetadata m = ResultMetadata.Read(dir.File("summary.arrow"));

        Assert.Equal(1, m.SchemaVersion);
        Assert.Equal("summary", m.Table);
        Assert.Equal(StrategyIdentity.Of<EveryNth, EveryNth.Parameters, EveryNth.Driver>(), m.Strategy);
        Assert.Equal("Every=128;Size=1.5", m.Parameters);
        Assert.Equal(GridDefinition.Of<EveryNth.Parameters>(), m.Grid);
        Assert.Equal("Double [3]: 0.5, 1, 1.5", m.Grid!.Parameters[1].Describe());
        Assert.Equal(Data.Identity, m.Data);
        Assert.Equal("2.5", m.Options["taker_fee_bps"]);
        Assert.Equal(new Dictionary<string, string> { ["experiment"] = "A/B 7" }, m.User);
        Assert.Empty(m.ProvenanceDifferences(ResultMetadata.Read(dir.File("fills.arrow"))));
    }

    [Fact]
    public void User_metadata_may_not_overwrite_the_engine_provenance()
    {
        using var dir = new TempDirectory();
        var output = new RunOutput(dir.Path) { Metadata = new Dictionary<string, string> { ["backtester.data.fingerprint"] = "forged" } };
        var ex = Assert.Throws<ArgumentException>(() => Backtest.Run(Data, new EveryNth(), new BacktestOptions { Output = output }));
        Assert.StartsWith("Metadata key 'backtester.data.fingerprint' is reserved: keys starting with 'backtester.' are the engine's provenance.", ex.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Differences_name_each_field_and_both_values()
    {
        ResultMetadata a = ResultMetadata.Create(Data.Identity, Options, StrategyIdentity.Of<EveryNth, EveryNth.Parameters, EveryNth.Driver>(), GridDefinition.Of<EveryNth.Parameters>());
        ResultMetadata b = ResultMetadata.Create(Data.Identity, Options with { TakerFeeBps = 5, OrderLatencyNs = 0 }, StrategyIdentity.Of<EveryNth, EveryNth.Parameters, EveryNth.Driver>(), GridDefinition.Of<EveryNth.Parameters>());

        Assert.Equal(new[] { "option order_latency_ns: 1000 now, 0 then", "option taker_fee_bps: 2.5 now, 5 then" }, a.ProvenanceDifferences(b, "now", "then"));
    }
}
