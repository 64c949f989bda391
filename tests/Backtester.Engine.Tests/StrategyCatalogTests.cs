using System;
using Backtester.Data;
using Backtester.Engine.Tests.Strategies;
using Xunit;
using Backtester;
using Backtester.Infrastructure;

namespace Backtester.Engine.Tests;

public class StrategyCatalogTests
{
    [Fact]
    public void Generated_module_initializer_registers_each_strategy_by_name()
    {
        StrategyRegistration registration = StrategyCatalog.Find("everynth"); // case-insensitive

        Assert.Equal("EveryNth", registration.Name);
        Assert.Equal(typeof(EveryNth), registration.StrategyType);
        Assert.Equal(new[] { "Every", "Size" }, registration.ParameterNames);
        Assert.Equal(24, registration.GridCount);
    }

    [Fact]
    public void Unknown_strategy_name_lists_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => StrategyCatalog.Find("Nope"));
        Assert.Contains("No strategy named 'Nope'. Known strategies:", ex.Message);
        Assert.Contains("EveryNth", ex.Message);
        Assert.Contains("Exploding", ex.Message);
    }

    [Fact]
    public void A_visitor_runs_a_registered_strategy_with_its_static_types()
    {
        var data = SyntheticData.Trades(new SyntheticDataOptions { Events = 5_000, Symbols = 1 });
        long rows = StrategyCatalog.Find("Exploding").Accept(new CountingSweep(data));
        Assert.Equal(4, rows);
    }

    [Fact]
    public void Parameter_values_round_trip_through_invariant_text()
    {
        EveryNth.Parameters p = EveryNth.Grid[0];

        Assert.Equal("64", p.FormatValue(0));
        Assert.Equal("0.5", p.FormatValue(1));
        EveryNth.Parameters changed = p.WithValue("size", "1.5").WithValue("EVERY", "128");
        Assert.Equal(new EveryNth.Parameters(128, 1.5), changed);
        Assert.Equal(EveryNth.Grid[1 * 3 + 2], changed);
    }

    [Theory]
    [InlineData("Every", "abc", "Parameter Every: expected a whole number (int), got 'abc'.")]
    [InlineData("Size", "1,5", "Parameter Size: expected a finite number such as 0.5, got '1,5'.")]
    [InlineData("Size", "NaN", "Parameter Size: expected a finite number such as 0.5, got 'NaN'.")]
    [InlineData("Speed", "1", "Unknown parameter 'Speed'; the strategy's parameters are: Every, Size.")]
    public void Bad_parameter_text_is_rejected_with_a_message_naming_it(string name, string text, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => EveryNth.Grid[0].WithValue(name, text));
        Assert.StartsWith(message, ex.Message);
    }

    private sealed class CountingSweep(MarketData data) : IStrategyTypeVisitor<long>
    {
        public long Visit<TStrategy, TParameters, TDriver>()
            where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
            where TParameters : struct, IStrategyParameters<TParameters>
            where TDriver : struct, IStrategyDriver
            => Sweep.Run(data, ParameterGrid<TStrategy, TParameters, TDriver>.All).Count;
    }
}
