using Backtester.Execution;
using Backtester.Infrastructure;

namespace Backtester;

/// <summary>
/// Never called: its body names a replay with the default options' models for a driver of the engine's own, so that the
/// ReadyToRun compiler (the CLI's platform packages, decision 0072) precompiles the methods of that replay which do not
/// depend on the strategy: the venue of those models (<c>ExecutionSimulator</c> over no queue model, constant latency,
/// linear fees, no slippage and the margin account's marks), its order checks and book-keeping. A user's strategy then
/// leaves only the methods generic over its own driver for the JIT to compile in the first run.
/// </summary>
internal static class ReadyToRunRoots
{
    internal static void DefaultVenue(Orders orders, in MarketEvent e)
    {
        var venue = new ExecutionSimulator<VenueModels<NoQueue, ConstantLatency, LinearFees, NoSlippage, AccountMarks>>();
        var driver = default(NoStrategy);
        venue.Accept(ref driver, orders);
        venue.Match(in e, ref driver, orders);
    }

    /// <summary>A driver that does nothing.</summary>
    private struct NoStrategy : IStrategyDriver
    {
        public void OnStart(Orders orders) { }

        public void OnTrade(in Trade trade, Orders orders) { }

        public void OnQuote(in Quote quote, Orders orders) { }

        public void OnBar(in Bar bar, Orders orders) { }

        public void OnBook(in BookUpdate update, Orders orders) { }

        public void OnFunding(in Funding funding, Orders orders) { }

        public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }

        public void OnTimer(in TimerTick timer, Orders orders) { }

        public void OnFill(in Fill fill, Orders orders) { }

        public void OnOrder(in OrderUpdate update, Orders orders) { }

        public void OnFinish(Orders orders) { }
    }
}
