using System;
using Backtester.Data;
using Xunit;
using Backtester.Infrastructure;

namespace Backtester.Engine.Tests;

/// <summary>A strategy-shaped driver with no allocation of its own: trades every 256 events, like the benchmark workload.</summary>
public struct AlternatingDriver : IStrategyDriver
{
    private long _events;
    public long FillsSeen;

    public void OnStart(Orders orders) { }

    public void OnTrade(in Trade trade, Orders orders)
    {
        if ((++_events & 255) == 0)
            orders.Market(orders.Position > 0 ? Side.Sell : Side.Buy, 1);
    }

    public void OnQuote(in Quote quote, Orders orders) { }

    public void OnBar(in Bar bar, Orders orders) { }
    public void OnFunding(in Funding funding, Orders orders) { }
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
    public void OnTimer(in TimerTick timer, Orders orders) { }


    public void OnBook(in BookUpdate update, Orders orders) { }

    public void OnFill(in Fill fill, Orders orders) => FillsSeen++;

    public void OnOrder(in OrderUpdate update, Orders orders) { }

    public void OnFinish(Orders orders) { }
}

/// <summary>
/// Brackets and one-cancels-other exits without allocation: every 64 events it cancels the last bracket's entry (which
/// cancels its exits while they wait) and take-profit (which cancels the stop-loss by its link) and the last linked exit, and places a new bracket (market or limit entry); halfway
/// it moves both exits, and while long it links a reduce-only limit and a trailing stop. Children wait, are released, grow,
/// are reduced and cancelled by their links on every path.
/// </summary>
public struct BracketDriver : IStrategyDriver
{
    private long _events;
    private BracketOrderIds _bracket;
    private long _exit;
    public long Fills;

    public void OnStart(Orders orders) { }
    public void OnTrade(in Trade trade, Orders orders) => Act(trade.Price, orders);
    public void OnQuote(in Quote quote, Orders orders) => Act(quote.Mid, orders);
    public void OnBar(in Bar bar, Orders orders) { }
    public void OnBook(in BookUpdate update, Orders orders) { }
    public void OnFunding(in Funding funding, Orders orders) { }
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
    public void OnTimer(in TimerTick timer, Orders orders) { }

    private void Act(double price, Orders orders)
    {
        long n = ++_events;
        if ((n & 63) == 0)
        {
            // The entry's cancel cancels its waiting exits; once it has filled, the take-profit's cancel cancels the stop-loss.
            if (_bracket.Entry != 0) { orders.Cancel(_bracket.Entry); orders.Cancel(_bracket.TakeProfit); }
            if (_exit != 0) orders.Cancel(_exit); // and the trailing stop linked to it
            _bracket = orders.Bracket(Side.Buy, 1, (n & 128) == 0 ? null : price - 0.01, price + 0.03, price - 0.03);
        }
        else if ((n & 63) == 32 && _bracket.Entry != 0)
        {
            orders.Amend(_bracket.TakeProfit, price: price + 0.02);
            orders.Amend(_bracket.StopLoss, price: price - 0.02);
        }
        else if ((n & 63) == 48 && orders.Position > 0)
        {
            _exit = orders.Limit(Side.Sell, 0.5, price + 0.01, reduceOnly: true);
            orders.OneCancelsOther(_exit, orders.TrailingStop(Side.Sell, 0.5, TrailingOffset.Price(0.02), reduceOnly: true));
        }
    }

    public void OnFill(in Fill fill, Orders orders) => Fills++;
    public void OnOrder(in OrderUpdate update, Orders orders) { }
    public void OnFinish(Orders orders) { }
}

/// <summary>
/// A market maker-shaped driver without allocation: keeps a post-only limit near the touch, amends or cancels and
/// replaces it, flattens with a reduce-only market order, and sets a stop, so every order path runs per event.
/// </summary>
public struct RestingOrderDriver : IStrategyDriver
{
    private long _events;
    private long _working;
    private long _stop;
    public long Updates;

    public void OnStart(Orders orders) { }

    public void OnTrade(in Trade trade, Orders orders) => Act(trade.Price, orders);

    public void OnQuote(in Quote quote, Orders orders) => Act(quote.Mid, orders);

    public void OnBar(in Bar bar, Orders orders) { }
    public void OnFunding(in Funding funding, Orders orders) { }
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
    public void OnTimer(in TimerTick timer, Orders orders) { }


    public void OnBook(in BookUpdate update, Orders orders) { }

    private void Act(double price, Orders orders)
    {
        long n = ++_events;
        if ((n & 31) == 0)
        {
            if (_working != 0 && (n & 63) == 0)
            {
                orders.Amend(_working, orders.Position > 0 ? price + 0.02 : price - 0.02);
                return;
            }
            if (_working != 0) orders.Cancel(_working);
            _working = orders.Limit(orders.Position > 0 ? Side.Sell : Side.Buy, 1, orders.Position > 0 ? price + 0.01 : price - 0.01, TimeInForce.PostOnly);
        }
        if ((n & 1023) == 0 && orders.Position != 0)
        {
            orders.Market(orders.Position > 0 ? Side.Sell : Side.Buy, Math.Abs(orders.Position), reduceOnly: true);
            if (_stop != 0) orders.Cancel(_stop);
            _stop = orders.Stop(Side.Sell, 1, price - 0.05, reduceOnly: true);
        }
    }

    public void OnFill(in Fill fill, Orders orders) { }

    public void OnOrder(in OrderUpdate update, Orders orders) => Updates++;

    public void OnFinish(Orders orders) { }
}

/// <summary>
/// Every 64 events: buys 1 when flat and replaces three reduce-only trailing sell stops, one on each trigger (a price
/// offset on the last price, a fraction on the touch, a price offset with an activation price on the mark); at 32 amends
/// their quantities. The stops trail on every event of their trigger kind.
/// </summary>
public struct TrailingStopDriver : IStrategyDriver
{
    private long _events;
    private long _last, _touch, _mark;
    public long StopFills;

    public void OnStart(Orders orders) { }
    public void OnTrade(in Trade trade, Orders orders) => Act(trade.Price, orders);
    public void OnQuote(in Quote quote, Orders orders) => Act(quote.Mid, orders);
    public void OnBar(in Bar bar, Orders orders) { }
    public void OnBook(in BookUpdate update, Orders orders) { }
    public void OnFunding(in Funding funding, Orders orders) { }
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
    public void OnTimer(in TimerTick timer, Orders orders) { }

    private void Act(double price, Orders orders)
    {
        long n = ++_events;
        if ((n & 63) == 0)
        {
            if (orders.Position + orders.OpenEntryQuantity <= 0) orders.Market(Side.Buy, 1);
            if (_last != 0) { orders.Cancel(_last); orders.Cancel(_touch); orders.Cancel(_mark); }
            _last = orders.TrailingStop(Side.Sell, 1, TrailingOffset.Price(0.02), StopTrigger.LastPrice, reduceOnly: true);
            _touch = orders.TrailingStop(Side.Sell, 1, TrailingOffset.BasisPoints(2), StopTrigger.BidAsk, reduceOnly: true);
            _mark = orders.TrailingStop(Side.Sell, 1, TrailingOffset.Price(0.02), StopTrigger.MarkPrice, activationPrice: price + 0.01, reduceOnly: true);
        }
        else if ((n & 63) == 32 && _last != 0)
        {
            orders.Amend(_last, quantity: 1.5);
            orders.Amend(_touch, quantity: 1.5);
            orders.Amend(_mark, price: price); // refused on arrival (Unsupported): a trailing stop's price is the venue's
        }
    }

    public void OnFill(in Fill fill, Orders orders)
    {
        if (fill.Side == Side.Sell) StopFills++;
    }

    public void OnOrder(in OrderUpdate update, Orders orders) { }
    public void OnFinish(Orders orders) { }
}

/// <summary>
/// <see cref="TrailingStopDriver"/> with trailing stop-limits: every 64 events buys 1 when flat and replaces three
/// reduce-only trailing sell stop-limits, one on each trigger, with limit offsets beyond, at and before the stop (the last
/// rests as a maker when it triggers); at 32 amends their quantities, and a price (refused before the trigger, applied to
/// the limit after it).
/// </summary>
public struct TrailingStopLimitDriver : IStrategyDriver
{
    private long _events;
    private long _last, _touch, _mark;

    public void OnStart(Orders orders) { }
    public void OnTrade(in Trade trade, Orders orders) => Act(trade.Price, orders);
    public void OnQuote(in Quote quote, Orders orders) => Act(quote.Mid, orders);
    public void OnBar(in Bar bar, Orders orders) { }
    public void OnBook(in BookUpdate update, Orders orders) { }
    public void OnFunding(in Funding funding, Orders orders) { }
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
    public void OnTimer(in TimerTick timer, Orders orders) { }

    private void Act(double price, Orders orders)
    {
        long n = ++_events;
        if ((n & 63) == 0)
        {
            if (orders.Position + orders.OpenEntryQuantity <= 0) orders.Market(Side.Buy, 1);
            if (_last != 0) { orders.Cancel(_last); orders.Cancel(_touch); orders.Cancel(_mark); }
            _last = orders.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(0.02), 0.01, StopTrigger.LastPrice, reduceOnly: true);
            _touch = orders.TrailingStopLimit(Side.Sell, 1, TrailingOffset.BasisPoints(2), 0, StopTrigger.BidAsk, reduceOnly: true);
            _mark = orders.TrailingStopLimit(Side.Sell, 1, TrailingOffset.Price(0.02), -0.01, StopTrigger.MarkPrice, activationPrice: price + 0.01, reduceOnly: true);
        }
        else if ((n & 63) == 32 && _last != 0)
        {
            orders.Amend(_last, quantity: 1.5);
            orders.Amend(_touch, quantity: 1.5);
            orders.Amend(_mark, price: price); // before the trigger refused (Unsupported); after it, the limit's new price
        }
    }

    public void OnFill(in Fill fill, Orders orders) { }
    public void OnOrder(in OrderUpdate update, Orders orders) { }
    public void OnFinish(Orders orders) { }
}

/// <summary>
/// Keeps a protective sell stop on each trigger (last price, touch, mark price, each its own) and one on the run's trigger
/// under a long position, amends them up, and cancels and replaces them, without allocating: per-order triggers on every
/// event kind.
/// </summary>
public struct MixedTriggerStopDriver : IStrategyDriver
{
    private long _events;
    private long _last, _touch, _mark, _run;
    public long StopFills;

    public void OnStart(Orders orders) { }
    public void OnTrade(in Trade trade, Orders orders) => Act(trade.Price, orders);
    public void OnQuote(in Quote quote, Orders orders) => Act(quote.Mid, orders);
    public void OnBar(in Bar bar, Orders orders) { }
    public void OnBook(in BookUpdate update, Orders orders) { }
    public void OnFunding(in Funding funding, Orders orders) { }
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
    public void OnTimer(in TimerTick timer, Orders orders) { }

    private void Act(double price, Orders orders)
    {
        long n = ++_events;
        if ((n & 63) == 0)
        {
            if (orders.Position + orders.OpenEntryQuantity <= 0) orders.Market(Side.Buy, 1);
            if (_last != 0) { orders.Cancel(_last); orders.Cancel(_touch); orders.Cancel(_mark); orders.Cancel(_run); }
            _last = orders.Stop(Side.Sell, 1, price - 0.02, StopTrigger.LastPrice, reduceOnly: true);
            _touch = orders.Stop(Side.Sell, 1, price - 0.02, StopTrigger.BidAsk, reduceOnly: true);
            _mark = orders.StopLimit(Side.Sell, 1, price - 0.02, price - 0.04, StopTrigger.MarkPrice, reduceOnly: true);
            _run = orders.Stop(Side.Sell, 1, price - 0.02, reduceOnly: true);
        }
        else if ((n & 63) == 32 && _last != 0)
        {
            orders.Amend(_last, price - 0.01);
            orders.Amend(_touch, price - 0.01);
            orders.Amend(_mark, price - 0.03);
        }
    }

    public void OnFill(in Fill fill, Orders orders)
    {
        if (fill.Side == Side.Sell) StopFills++;
    }

    public void OnOrder(in OrderUpdate update, Orders orders) { }
    public void OnFinish(Orders orders) { }
}

/// <summary>Reads the book on every update and trades on every 256th consistent book, without allocating.</summary>
public struct BookReadingDriver : IStrategyDriver
{
    private long _batches;
    public double Sink;

    public void OnStart(Orders orders) { }
    public void OnTrade(in Trade trade, Orders orders) { }
    public void OnQuote(in Quote quote, Orders orders) { }
    public void OnBar(in Bar bar, Orders orders) { }

    public void OnBook(in BookUpdate update, Orders orders)
    {
        OrderBook book = update.Book;
        Sink += book.BestBid + book.Level(BookSide.Ask, 2).Size + book.SizeThrough(BookSide.Bid, update.Price) + book.SizeAt(update.Side, update.Price);
        if (update.IsEndOfBatch && (++_batches & 255) == 0)
            orders.Market(orders.Position > 0 ? Side.Sell : Side.Buy, 1);
    }

    public void OnFunding(in Funding funding, Orders orders) { }
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
    public void OnTimer(in TimerTick timer, Orders orders) { }
    public void OnFill(in Fill fill, Orders orders) { }
    public void OnOrder(in OrderUpdate update, Orders orders) { }
    public void OnFinish(Orders orders) { }
}

/// <summary>Schedules a timer and trades from it and from funding settlements, so the merged replay's every path runs.</summary>
public struct TimerAndFundingDriver : IStrategyDriver
{
    public long Timers, Settlements;
    public void OnStart(Orders orders) => orders.Every(1_000_000);
    public void OnTrade(in Trade trade, Orders orders) { }
    public void OnQuote(in Quote quote, Orders orders) { }
    public void OnBar(in Bar bar, Orders orders) { }
    public void OnFunding(in Funding funding, Orders orders) => Settlements++;
    public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
    public void OnTimer(in TimerTick timer, Orders orders)
    {
        if ((++Timers & 3) == 0) orders.Market(0, orders.PositionOf(0) > 0 ? Side.Sell : Side.Buy, 1);
    }
    public void OnBook(in BookUpdate update, Orders orders) { }
    public void OnFill(in Fill fill, Orders orders) { }
    public void OnOrder(in OrderUpdate update, Orders orders) { }
    public void OnFinish(Orders orders) { }
}

/// <summary>Allocation tests run alone: other tests allocating on other threads would trigger collections mid-measurement.</summary>
[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationTestsCollection { }

[Collection(nameof(AllocationTests))]
public class AllocationTests
{
    private static long AllocatedBy<TDriver>(BacktestRunner runner, MarketData data, out BacktestSummary summary, BacktestOptions? options = null)
        where TDriver : struct, IStrategyDriver
    {
        var driver = new TDriver();
        // A collection while measuring could be charged to this thread's count; start from a quiet heap.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetAllocatedBytesForCurrentThread();
        summary = runner.RunSummary(data, ref driver, options);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>The synthetic trades plus a quote one tick either side of each trade, 500 ns before it.</summary>
    private static MarketData WithQuotes(MarketData trades)
    {
        TradeColumns t = trades.Trades;
        int n = t.Count;
        var times = new long[n];
        var bid = new double[n];
        var ask = new double[n];
        var size = new double[n];
        for (int i = 0; i < n; i++)
        {
            times[i] = t.Timestamps.Span[i] - 500;
            bid[i] = Math.Round(t.Prices.Span[i] - 0.01, 2);
            ask[i] = Math.Round(t.Prices.Span[i] + 0.01, 2);
            size[i] = 1 + (i & 7);
        }
        var quotes = new QuoteColumns("quotes", trades.Symbols.Count, times, t.SymbolIds, bid, size, ask, size);
        return new MarketData(trades.Symbols, t, quotes);
    }

    /// <summary>A funding settlement at every 1000th trade's time, rate ±1 bp, mark = the trade price.</summary>
    private static MarketData WithFunding(MarketData trades)
    {
        TradeColumns t = trades.Trades;
        int n = t.Count / 1000;
        var times = new long[n];
        var ids = new int[n];
        var rates = new double[n];
        var marks = new double[n];
        for (int i = 0; i < n; i++)
        {
            times[i] = t.Timestamps.Span[i * 1000];
            ids[i] = t.SymbolIds.Span[i * 1000];
            rates[i] = (i & 1) == 0 ? 0.0001 : -0.0001;
            marks[i] = t.Prices.Span[i * 1000];
        }
        return trades.WithFunding(new FundingColumns("funding", trades.Symbols.Count, times, ids, rates, marks));
    }

    [Fact]
    public void Timers_and_funding_allocate_nothing_once_warmed_up()
    {
        MarketData small = WithFunding(SyntheticData.Trades(new SyntheticDataOptions { Events = 10_000 }));
        MarketData million = WithFunding(SyntheticData.Trades(new SyntheticDataOptions { Events = 1_000_000 }));
        var runner = new BacktestRunner();
        AllocatedBy<TimerAndFundingDriver>(runner, small, out _);

        long bytes = AllocatedBy<TimerAndFundingDriver>(runner, million, out BacktestSummary summary);

        Assert.True(summary.Fills > 100, $"expected fills from the timer, got {summary.Fills}");
        Assert.NotEqual(0, summary.Funding);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Replaying_a_million_and_twenty_million_trades_in_summary_only_mode_allocates_nothing()
    {
        MarketData small = SyntheticData.Trades(new SyntheticDataOptions { Events = 10_000 });
        MarketData million = SyntheticData.Trades(new SyntheticDataOptions { Events = 1_000_000 });
        var runner = new BacktestRunner();
        AllocatedBy<AlternatingDriver>(runner, small, out _); // JIT and buffer growth happen here

        long millionBytes = AllocatedBy<AlternatingDriver>(runner, million, out BacktestSummary summary);
        Assert.Equal(1_000_000, summary.Events);
        Assert.True(summary.Fills > 3_000, $"expected thousands of fills, got {summary.Fills}");
        million = null!;

        MarketData twentyMillion = SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000_000 });
        long twentyMillionBytes = AllocatedBy<AlternatingDriver>(runner, twentyMillion, out summary);
        Assert.Equal(20_000_000, summary.Events);
        Assert.True(summary.Fills > 70_000, $"expected tens of thousands of fills, got {summary.Fills}");

        Assert.Equal((0L, 0L), (millionBytes, twentyMillionBytes));
    }

    [Fact]
    public void Quotes_and_trades_with_limits_amends_cancels_stops_and_statistics_allocate_nothing_per_event()
    {
        MarketData small = WithQuotes(SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000 }));
        MarketData large = WithQuotes(SyntheticData.Trades(new SyntheticDataOptions { Events = 1_000_000 }));
        var options = new BacktestOptions
        {
            LimitFillsToDisplayedSize = true, QueuePosition = QueuePosition.Conservative, MakerFeeBps = -1, TakerFeeBps = 5,
            OrderLatencyNs = 700, EquitySampleIntervalNs = 100_000,
        };
        var runner = new BacktestRunner();
        AllocatedBy<RestingOrderDriver>(runner, small, out _, options);

        long smallBytes = AllocatedBy<RestingOrderDriver>(runner, small, out _, options);
        long largeBytes = AllocatedBy<RestingOrderDriver>(runner, large, out BacktestSummary summary, options);

        Assert.Equal(2_000_000, summary.Events);
        Assert.True(summary.Fills > 1_000, $"expected fills, got {summary.Fills}");
        Assert.True(summary.EquitySamples > 1_000, $"expected equity samples, got {summary.EquitySamples}");
        Assert.Equal((0L, 0L), (smallBytes, largeBytes));
    }

    /// <summary>Each model the runner can pick (decision 0062), with the resting-order strategy, on top of the options of the test above.</summary>
    public static TheoryData<string> Models() => new()
    {
        "queue None", "queue Optimistic", "queue ProbabilisticPower", "queue ProbabilisticLog", "latency Normal", "latency LogNormal", "response latency", "response latency LogNormal",
        "slippage", "inverse fees", "unlimited account", "cash account", "margin account with maintenance", "stops on the touch",
        "marked at mark prices", "stops on the mark price", "isolated margin", "isolated margin marked at mark prices",
    };

    private static BacktestOptions WithModel(BacktestOptions options, string model) => model switch
    {
        "queue None" => options with { QueuePosition = QueuePosition.None },
        "queue Optimistic" => options with { QueuePosition = QueuePosition.Optimistic },
        "queue ProbabilisticPower" => options with { QueuePosition = QueuePosition.ProbabilisticPower, QueuePowerExponent = 3 },
        "queue ProbabilisticLog" => options with { QueuePosition = QueuePosition.ProbabilisticLog },
        "latency Normal" => options with { OrderLatencyNs = 0, OrderLatency = LatencyModel.Normal(700, 200, seed: 7) },
        "latency LogNormal" => options with { OrderLatencyNs = 0, OrderLatency = LatencyModel.LogNormal(700, 0.5, seed: 7) },
        "response latency" => options with { ResponseLatency = LatencyModel.Constant(900) },
        "response latency LogNormal" => options with { ResponseLatency = LatencyModel.LogNormal(900, 0.5, seed: 3) },
        "slippage" => options with { SlippageBps = 2 },
        "inverse fees" => options with { Account = AccountOptions.Unlimited, Instruments = [new Instrument("SYN0") { Kind = ContractKind.Inverse, BaseCurrency = "SYN", SettlementCurrency = "SYN" }] },
        "unlimited account" => options with { Account = AccountOptions.Unlimited },
        "cash account" => options with { Account = AccountOptions.Cash(allowShortSelling: true) },
        "margin account with maintenance" => options with { Account = AccountOptions.Margin(10, maintenanceMargin: 0.05) },
        "stops on the touch" => options with { StopTrigger = StopTrigger.BidAsk },
        "marked at mark prices" => options with { MarkWith = MarkSource.MarkPrice, Account = AccountOptions.Margin(10, maintenanceMargin: 0.05) },
        "stops on the mark price" => options with { StopTrigger = StopTrigger.MarkPrice },
        // Two of the four symbols on isolated margin (decision 0088), the others on cross.
        "isolated margin" => options with { Account = AccountOptions.Margin(10, maintenanceMargin: 0.05) with { IsolatedSymbols = ["SYN0", "SYN2"] } },
        "isolated margin marked at mark prices" => options with
        {
            MarkWith = MarkSource.MarkPrice, Account = AccountOptions.Margin(10, maintenanceMargin: 0.05) with { IsolatedSymbols = ["SYN0", "SYN2"] },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_venue_and_account_model_allocates_nothing_per_event(string model)
    {
        MarketData small = WithQuotes(SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000, Symbols = model == "inverse fees" ? 1 : 4 }));
        MarketData large = WithQuotes(SyntheticData.Trades(new SyntheticDataOptions { Events = 500_000, Symbols = model == "inverse fees" ? 1 : 4 }));
        if (model.Contains("mark"))
        {
            // About one mark price per symbol every 40 trades of the large data.
            long span = large.Trades.Timestamps.Span[^1] - large.Trades.Timestamps.Span[0];
            small = MarkPriceSeries.With(small, span / (500_000 / 40 / 4));
            large = MarkPriceSeries.With(large, span / (500_000 / 40 / 4));
            Assert.True(large.MarkPrices.Count > 10_000, $"{large.MarkPrices.Count} marks");
        }
        BacktestOptions options = WithModel(new BacktestOptions
        {
            LimitFillsToDisplayedSize = true, QueuePosition = QueuePosition.Conservative, MakerFeeBps = -1, TakerFeeBps = 5,
            OrderLatencyNs = 700, EquitySampleIntervalNs = 100_000,
        }, model);
        var runner = new BacktestRunner();
        AllocatedBy<RestingOrderDriver>(runner, small, out _, options);

        long smallBytes = AllocatedBy<RestingOrderDriver>(runner, small, out _, options);
        long largeBytes = AllocatedBy<RestingOrderDriver>(runner, large, out BacktestSummary summary, options);

        Assert.Equal(1_000_000 + large.MarkPrices.Count, summary.Events);
        Assert.True(summary.Fills > 500, $"expected fills, got {summary.Fills}");
        if (options.Instruments is null) Assert.Equal((0L, 0L), (smallBytes, largeBytes));
        else
        {
            // Instruments are checked once per run (InstrumentRules.Reset keeps a set of the names seen): the same few
            // bytes for 40,000 and 1,000,000 events, so nothing per event.
            Assert.Equal(smallBytes, largeBytes);
            Assert.InRange(largeBytes, 0, 1024);
        }
    }

    [Theory]
    [InlineData(StopTrigger.LastPrice)]
    [InlineData(StopTrigger.BidAsk)]
    [InlineData(StopTrigger.MarkPrice)]
    public void Stops_each_on_its_own_trigger_allocate_nothing_per_event(StopTrigger runTrigger) =>
        StopsAllocateNothingPerEvent<MixedTriggerStopDriver>(runTrigger);

    [Theory]
    [InlineData(StopTrigger.LastPrice)]
    [InlineData(StopTrigger.BidAsk)]
    [InlineData(StopTrigger.MarkPrice)]
    public void Trailing_stop_limits_on_every_trigger_allocate_nothing_per_event(StopTrigger runTrigger) =>
        StopsAllocateNothingPerEvent<TrailingStopLimitDriver>(runTrigger); // they trail, trigger, take or rest, are amended and replaced

    [Theory]
    [InlineData(StopTrigger.LastPrice)]
    [InlineData(StopTrigger.BidAsk)]
    [InlineData(StopTrigger.MarkPrice)]
    public void Trailing_stops_on_every_trigger_allocate_nothing_per_event(StopTrigger runTrigger) =>
        StopsAllocateNothingPerEvent<TrailingStopDriver>(runTrigger); // each trade, quote and mark moves the stops waiting on it

    [Theory]
    [InlineData(StopTrigger.LastPrice)]
    [InlineData(StopTrigger.BidAsk)]
    public void Brackets_and_one_cancels_other_exits_allocate_nothing_per_event(StopTrigger runTrigger) =>
        StopsAllocateNothingPerEvent<BracketDriver>(runTrigger); // placed, amended while waiting or working, cancelled and replaced in a loop

    /// <summary>
    /// Quotes, trades and about one mark per symbol every 40 trades, with <typeparamref name="TDriver"/>'s stops working on
    /// all three triggers at once (some trigger and fill): the same bytes, none, for 20,000 and 500,000 trades.
    /// </summary>
    private static void StopsAllocateNothingPerEvent<TDriver>(StopTrigger runTrigger)
        where TDriver : struct, IStrategyDriver
    {
        MarketData small = WithQuotes(SyntheticData.Trades(new SyntheticDataOptions { Events = 20_000, Symbols = 4 }));
        MarketData large = WithQuotes(SyntheticData.Trades(new SyntheticDataOptions { Events = 500_000, Symbols = 4 }));
        long span = large.Trades.Timestamps.Span[^1] - large.Trades.Timestamps.Span[0];
        small = MarkPriceSeries.With(small, span / (500_000 / 40 / 4));
        large = MarkPriceSeries.With(large, span / (500_000 / 40 / 4));
        var options = new BacktestOptions
        {
            LimitFillsToDisplayedSize = true, QueuePosition = QueuePosition.Conservative, TakerFeeBps = 5, OrderLatencyNs = 700,
            EquitySampleIntervalNs = 100_000, Account = AccountOptions.Unlimited, StopTrigger = runTrigger,
        };
        var runner = new BacktestRunner();
        AllocatedBy<TDriver>(runner, small, out _, options);

        long smallBytes = AllocatedBy<TDriver>(runner, small, out _, options);
        long largeBytes = AllocatedBy<TDriver>(runner, large, out BacktestSummary summary, options);

        Assert.Equal(1_000_000 + large.MarkPrices.Count, summary.Events);
        Assert.True(summary.Fills > 1_000, $"expected fills, got {summary.Fills}");
        Assert.Equal((0L, 0L), (smallBytes, largeBytes));
    }

    [Fact]
    public void Book_updates_with_book_reads_and_orders_allocate_nothing_per_event()
    {
        MarketData small = SyntheticBook.Generate(new SyntheticBookOptions { Steps = 20_000, Symbols = 2 });
        MarketData large = SyntheticBook.Generate(new SyntheticBookOptions { Steps = 1_000_000, Symbols = 2 });
        var runner = new BacktestRunner();
        AllocatedBy<BookReadingDriver>(runner, small, out _); // JIT and the books' level arrays grow here

        long smallBytes = AllocatedBy<BookReadingDriver>(runner, small, out _);
        long largeBytes = AllocatedBy<BookReadingDriver>(runner, large, out BacktestSummary summary);

        Assert.Equal(large.EventCount, summary.Events);
        Assert.True(summary.Fills > 1_000, $"expected fills, got {summary.Fills}");
        Assert.Equal((0L, 0L), (smallBytes, largeBytes));
    }

    [Fact]
    public void Book_updates_trades_funding_and_timers_in_one_merge_allocate_nothing_once_warmed_up()
    {
        // The synthetic L2 market (book updates and the trades consuming them, 1 µs steps) with a settlement every
        // 1,000 trades and a timer every millisecond that trades: every source of the replay's merge at once.
        MarketData small = WithFunding(SyntheticBook.Generate(new SyntheticBookOptions { Steps = 20_000 }));
        MarketData large = WithFunding(SyntheticBook.Generate(new SyntheticBookOptions { Steps = 1_000_000 }));
        var runner = new BacktestRunner();
        AllocatedBy<TimerAndFundingDriver>(runner, small, out _);

        long bytes = AllocatedBy<TimerAndFundingDriver>(runner, large, out BacktestSummary summary);

        Assert.Equal(large.EventCount, summary.Events);
        Assert.True(summary.Fills > 100, $"expected fills from the timer, got {summary.Fills}");
        Assert.NotEqual(0, summary.Funding);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void The_readme_strategy_through_its_generated_driver_allocates_only_its_per_run_state()
    {
        MarketData small = SyntheticData.Trades(new SyntheticDataOptions { Events = 10_000 });
        MarketData million = SyntheticData.Trades(new SyntheticDataOptions { Events = 1_000_000 });
        var strategy = new Strategies.ReadmeSmaCross { Fast = 50, Slow = 500 };
        var runner = new BacktestRunner();

        long Measure(MarketData data, out BacktestSummary summary)
        {
            Strategies.ReadmeSmaCross.Driver driver = strategy.CreateDriver();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = GC.GetAllocatedBytesForCurrentThread();
            summary = runner.RunSummary(data, ref driver);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Measure(small, out _); // JIT and buffer growth
        long smallBytes = Measure(small, out _);
        long millionBytes = Measure(million, out BacktestSummary summary);

        Assert.Equal(1_000_000, summary.Events);
        Assert.True(summary.Fills > 1_000, $"expected the strategy to trade, got {summary.Fills} fills");
        // OnStart allocates the strategy's indicator arrays once per run (4 symbols × two windows of 50 and 500
        // doubles plus array headers); the replay itself adds nothing, so 100× the events costs the same bytes.
        Assert.Equal(smallBytes, millionBytes);
        Assert.InRange(millionBytes, 4 * 8 * (50 + 500), 64 * 1024);
    }
}
