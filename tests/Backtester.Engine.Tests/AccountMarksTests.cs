using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// Which accounts skip the per-event margin work (decision 0064): only those that can never be liquidated and mark
/// linearly in one currency. A wrong choice would skip a liquidation or mis-mark an inverse contract.
/// </summary>
public sealed class AccountMarksTests
{
    private static bool MarksLinearOnly(BacktestOptions options)
    {
        var data = new Tape().Trade(1_000, 100, 1).Trade(2_000, 101, 1).Build();
        var runner = new BacktestRunner();
        var driver = new ScriptedDriver(new Script());
        runner.RunSummary(data, ref driver, options);
        return runner.Portfolio.MarksLinearOnly;
    }

    [Fact]
    public void Unlimited_and_cash_accounts_on_linear_contracts_mark_without_the_margin_work()
    {
        Assert.True(MarksLinearOnly(new BacktestOptions { Account = AccountOptions.Unlimited }));
        Assert.True(MarksLinearOnly(new BacktestOptions { Account = AccountOptions.Cash() }));
        Assert.True(MarksLinearOnly(new BacktestOptions { Account = AccountOptions.Cash(allowShortSelling: true) }));
    }

    [Fact]
    public void Margin_accounts_and_inverse_contracts_keep_the_full_mark_and_the_liquidation_test()
    {
        Assert.False(MarksLinearOnly(new BacktestOptions())); // the default: margin at 1x, liquidated below zero equity
        Assert.False(MarksLinearOnly(new BacktestOptions { Account = AccountOptions.Margin(10, maintenanceMargin: 0.05) }));
        var inverse = new Instrument("X") { Kind = ContractKind.Inverse, BaseCurrency = "BTC", SettlementCurrency = "BTC" };
        Assert.False(MarksLinearOnly(new BacktestOptions { Account = AccountOptions.Unlimited, Instruments = [inverse] }));
    }
}
