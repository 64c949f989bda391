using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;
using Backtester.Infrastructure;

namespace Backtester.Generators.Tests;

/// <summary>Compiles strategies with their generated code, loads them and checks what the generated members do.</summary>
public sealed class CompileAndRunTests
{
    [Fact]
    public void Example_grid_has_800_combinations_and_decodes_indices_to_hand_worked_values()
    {
        using var loaded = new LoadedAssembly(SampleStrategies.SmaCross);
        Type parameters = loaded.GetType("Demo.SmaCross+Parameters");

        Assert.Equal(800L, GridCountOf(parameters));
        // Mixed radix, last parameter fastest: UseStop (2) < Size (4) < Slow (10) < Fast (10).
        Assert.Equal((5, 20, 0.5, false), SmaValues(Decode(parameters, 0)));
        Assert.Equal((5, 20, 0.5, true), SmaValues(Decode(parameters, 1)));
        Assert.Equal((5, 20, 1.0, false), SmaValues(Decode(parameters, 2)));
        Assert.Equal((5, 40, 0.5, false), SmaValues(Decode(parameters, 8)));
        Assert.Equal((10, 20, 0.5, false), SmaValues(Decode(parameters, 80)));
        Assert.Equal((50, 200, 2.0, true), SmaValues(Decode(parameters, 799)));

        var outside = Assert.Throws<TargetInvocationException>(() => Decode(parameters, 800));
        Assert.IsType<ArgumentOutOfRangeException>(outside.InnerException);
        Assert.Throws<TargetInvocationException>(() => Decode(parameters, -1));
    }

    [Fact]
    public void Every_index_of_the_grid_round_trips_through_ToGridIndex()
    {
        using var loaded = new LoadedAssembly(SampleStrategies.SmaCross, SampleStrategies.GridMaker);
        foreach (string name in new[] { "Demo.SmaCross+Parameters", "Demo.Structs.GridMaker+Parameters" })
        {
            long[] indices = EncodeWholeGrid(loaded.GetType(name));
            Assert.Equal(Enumerable.Range(0, indices.Length).Select(i => (long)i), indices);
        }
    }

    [Fact]
    public void Parameters_named_like_generated_locals_and_arguments_still_read_their_own_values()
    {
        // 'parameter' is FormatValue's argument; 'aSteps' and 'fastIndex' are the locals ToGridIndex declares for 'a' and 'fast'.
        const string source = """
            using Backtester;
            namespace Names;
            [Strategy]
            public partial class Shadowing
            {
                [Param(10, 12)] public int parameter { get; set; }
                [Param(1, 3)] public int a { get; set; }
                [Param(4, 6)] public int aSteps { get; set; }
                [Param(7, 8)] public int fast { get; set; }
                [Param(Values = new[] { 20, 30 })] public int fastIndex { get; set; }
            }
            """;
        using var loaded = new LoadedAssembly(source);
        Type parameters = loaded.GetType("Names.Shadowing+Parameters");
        Assert.Equal(3L * 3 * 3 * 2 * 2, GridCountOf(parameters));

        // Index 1 * (3*3*2*2) + 2 * (3*2*2) + 0 * (2*2) + 1 * 2 + 1: parameter = 11, a = 3, aSteps = 4, fast = 8, fastIndex = 30.
        long index = 36 + 24 + 0 + 2 + 1;
        object decoded = Decode(parameters, index);
        MethodInfo format = parameters.GetMethod("FormatValue")!;
        Assert.Equal(new[] { "11", "3", "4", "8", "30" }, Enumerable.Range(0, 5).Select(i => (string)format.Invoke(decoded, new object[] { i })!));
        Assert.Equal(index, ToGridIndex(decoded));
        Assert.Equal(Enumerable.Range(0, 108).Select(i => (long)i), EncodeWholeGrid(parameters));
    }

    [Fact]
    public void Values_off_the_grid_have_index_minus_one()
    {
        using var loaded = new LoadedAssembly(SampleStrategies.SmaCross);
        Type parameters = loaded.GetType("Demo.SmaCross+Parameters");
        long IndexOf(int fast, int slow, double size) => ToGridIndex(Activator.CreateInstance(parameters, fast, slow, size, false)!);

        Assert.Equal(0L, IndexOf(5, 20, 0.5));
        Assert.Equal(-1L, IndexOf(7, 20, 0.5));      // between steps
        Assert.Equal(-1L, IndexOf(55, 20, 0.5));     // above max
        Assert.Equal(-1L, IndexOf(0, 20, 0.5));      // below min
        Assert.Equal(-1L, IndexOf(5, 20, 0.75));     // fractional, between steps
        Assert.Equal(-1L, IndexOf(5, 20, double.NaN));
        Assert.Equal(-1L, IndexOf(5, 20, double.PositiveInfinity));
        Assert.Equal(-1L, IndexOf(5, 20, 1e300));    // beyond decimal, must not throw
    }

    [Fact]
    public void Fractional_steps_are_computed_in_decimal_so_values_equal_their_literals()
    {
        const string source = """
            using Backtester;
            namespace Demo;
            [Strategy]
            public partial class Fine
            {
                [Param(0.1, 0.3, Step = 0.1)] public double Threshold { get; set; }
                [Param(0.5, 2.0, Step = 0.5)] public double Size { get; set; }
            }
            """;
        using var loaded = new LoadedAssembly(source);
        Type parameters = loaded.GetType("Demo.Fine+Parameters");

        Assert.Equal(12L, GridCountOf(parameters));
        double[] thresholds = Enumerable.Range(0, 3).Select(i => Get<double>(Decode(parameters, i * 4), "Threshold")).ToArray();
        Assert.Equal(new[] { 0.1, 0.2, 0.3 }, thresholds);
        double[] sizes = Enumerable.Range(0, 4).Select(i => Get<double>(Decode(parameters, i), "Size")).ToArray();
        Assert.Equal(new[] { 0.5, 1.0, 1.5, 2.0 }, sizes);

        // 0.1 + 0.2 is not 0.3 in double arithmetic, so it is not on the grid.
        Assert.Equal(-1L, ToGridIndex(Activator.CreateInstance(parameters, 0.1 + 0.2, 0.5)!));
        Assert.Equal(8L, ToGridIndex(Activator.CreateInstance(parameters, 0.3, 0.5)!));
    }

    [Fact]
    public void Enum_bool_decimal_long_and_value_list_parameters_sweep_their_values_in_order()
    {
        using var loaded = new LoadedAssembly(SampleStrategies.GridMaker);
        Type strategy = loaded.GetType("Demo.Structs.GridMaker");
        Type parameters = loaded.GetType("Demo.Structs.GridMaker+Parameters");

        Assert.Equal("Grid maker", strategy.GetProperty("StrategyName")!.GetValue(null));
        Assert.Equal(3L * 2 * 4 * 3 * 3, GridCountOf(parameters));
        Assert.Equal(("Trend", "Trend", 0.25m, 3, 100L), GridValues(Decode(parameters, 0)));
        Assert.Equal(("Trend", "Trend", 0.25m, 3, 200L), GridValues(Decode(parameters, 1)));
        Assert.Equal(("Trend", "Trend", 0.25m, 7, 100L), GridValues(Decode(parameters, 3)));
        Assert.Equal(("Trend", "Trend", 0.5m, 3, 100L), GridValues(Decode(parameters, 9)));
        Assert.Equal(("Trend", "Breakout", 0.25m, 3, 100L), GridValues(Decode(parameters, 36)));
        Assert.Equal(("MeanRevert", "Trend", 0.25m, 3, 100L), GridValues(Decode(parameters, 72)));
        Assert.Equal(("Breakout", "Breakout", 1.0m, 11, 300L), GridValues(Decode(parameters, 215)));

        string[] modes = Enumerable.Range(0, 3).Select(i => Get<object>(Decode(parameters, i * 72), "Mode").ToString()!).ToArray();
        Assert.Equal(new[] { "Trend", "MeanRevert", "Breakout" }, modes);
    }

    [Fact]
    public void Create_sets_the_param_members_and_GetParameters_reads_them_back()
    {
        using var loaded = new LoadedAssembly(SampleStrategies.SmaCross, SampleStrategies.GridMaker);
        foreach (string name in new[] { "Demo.SmaCross", "Demo.Structs.GridMaker" })
        {
            Type strategy = loaded.GetType(name);
            object combination = Decode(loaded.GetType(name + "+Parameters"), 123);
            object created = strategy.GetMethod("Create")!.Invoke(null, new[] { combination })!;
            Assert.Equal(combination, strategy.GetMethod("GetParameters")!.Invoke(created, null));
        }
    }

    [Fact]
    public void Class_strategy_driver_calls_the_declared_handlers_and_ignores_the_rest()
    {
        using var loaded = new LoadedAssembly(SampleStrategies.SmaCross);
        Type strategyType = loaded.GetType("Demo.SmaCross");
        object strategy = Activator.CreateInstance(strategyType)!;
        var driver = CreateDriver(strategy);
        Orders orders = NewOrders();

        driver.OnStart(orders);
        driver.OnTrade(new Trade(1, 0, 100, 1, Side.Buy), orders);
        driver.OnTrade(new Trade(2, 0, 101, 1, Side.Sell), orders);
        driver.OnQuote(new Quote(3, 0, 99, 1, 101, 1), orders);
        driver.OnBar(new Bar(4, 0, 1, 2, 0.5, 1.5, 10), orders);
        driver.OnFill(new Fill(5, 1, 0, Side.Buy, 100, 1, 0, false), orders);
        driver.OnFinish(orders);

        Assert.Equal(2, Get<int>(strategy, "Trades"));
        Assert.Equal(1, Get<int>(strategy, "Fills"));
        Assert.Same(strategy, Get<object>(driver, "Strategy"));
    }

    [Fact]
    public void Struct_strategy_driver_mutates_its_own_copy_in_place()
    {
        using var loaded = new LoadedAssembly(SampleStrategies.GridMaker);
        Type strategyType = loaded.GetType("Demo.Structs.GridMaker");
        object strategy = Activator.CreateInstance(strategyType)!;
        // Boxed once; calls through the interface mutate the boxed driver, as the engine's struct field would be.
        var driver = CreateDriver(strategy);
        Orders orders = NewOrders();

        for (int i = 0; i < 3; i++) driver.OnQuote(new Quote(i, 0, 99, 1, 101, 1), orders);
        driver.OnTrade(new Trade(9, 0, 100, 1, Side.Buy), orders);

        Assert.Equal(3, strategyType.GetField("Quotes")!.GetValue(Get<object>(driver, "Strategy")));
        Assert.Equal(0, strategyType.GetField("Quotes")!.GetValue(strategy));
    }

    [Fact]
    public void Strategy_without_parameters_has_one_combination_and_receives_all_seven_events()
    {
        using var loaded = new LoadedAssembly(SampleStrategies.Recorder);
        Type strategyType = loaded.GetType("Recorder");
        Type parameters = loaded.GetType("Recorder+Parameters");
        Assert.Equal(1L, GridCountOf(parameters));
        Assert.Equal(0L, ToGridIndex(Decode(parameters, 0)));
        Assert.Equal(new[] { 0L }, EncodeWholeGrid(parameters));

        object strategy = strategyType.GetMethod("Create")!.Invoke(null, new[] { Decode(parameters, 0) })!;
        var driver = CreateDriver(strategy);
        Orders orders = NewOrders();
        driver.OnStart(orders);
        driver.OnTrade(new Trade(1, 0, 101.5, 1, Side.Buy), orders);
        driver.OnQuote(new Quote(2, 0, 99, 1, 101, 1), orders);
        driver.OnBar(new Bar(3, 0, 1, 2, 0.5, 100, 10), orders);
        driver.OnFill(new Fill(4, 1, 0, Side.Buy, 101, 1, 0, false), orders);
        driver.OnOrder(new OrderUpdate(1, 0, OrderStatus.Filled, RejectReason.None, 1, 0, 4), orders);
        driver.OnFinish(orders);

        Assert.Equal(
            new[] { "start", "trade 101.5", "quote 99", "bar 100", "fill 101", "order Filled", "finish" },
            Get<List<string>>(strategy, "Calls"));
    }

    [Fact]
    public void Strategies_implement_the_sdk_interfaces()
    {
        using var loaded = new LoadedAssembly(SampleStrategies.SmaCross);
        Type strategy = loaded.GetType("Demo.SmaCross");
        Type expected = typeof(IStrategy<,,>).MakeGenericType(strategy, strategy.GetNestedType("Parameters")!, strategy.GetNestedType("Driver")!);
        Assert.Contains(expected, strategy.GetInterfaces());
        Assert.True(strategy.GetNestedType("Driver")!.IsValueType);
    }

    [Fact]
    public void Negative_wide_keyword_named_and_list_parameters_compile_and_decode()
    {
        const string source = """
            using Backtester;
            namespace Edge;
            [Strategy]
            public partial record Wide
            {
                [Param(-10, 10, Step = 5)] public int Offset { get; init; }
                [Param(long.MinValue, long.MaxValue, Step = 4611686018427387904)] public long Span;
                [Param(-1.5, 1.5, Step = 0.5)] public double Skew { get; set; }
                [Param(Values = new[] { 0.1, 0.25 })] public decimal Fee { get; set; }
                [Param(Values = new[] { true })] public bool Live { get; set; }
                [Param(1, 2)] public int @event;
            }

            [Strategy]
            public readonly partial struct Frozen
            {
                [OnStart] void Begin() { }
            }
            """;
        using var loaded = new LoadedAssembly(source);
        Type parameters = loaded.GetType("Edge.Wide+Parameters");

        Assert.Equal(5L * 4 * 7 * 2 * 1 * 2, GridCountOf(parameters));
        object first = Decode(parameters, 0);
        Assert.Equal((-10, long.MinValue, -1.5, 0.1m, true, 1), EdgeValues(first));
        object last = Decode(parameters, GridCountOf(parameters) - 1);
        Assert.Equal((10, 4611686018427387904L, 1.5, 0.25m, true, 2), EdgeValues(last));
        long[] indices = EncodeWholeGrid(parameters);
        Assert.Equal(Enumerable.Range(0, indices.Length).Select(i => (long)i), indices);
        Assert.Equal(1L, GridCountOf(loaded.GetType("Edge.Frozen+Parameters")));
    }

    private static (int, long, double, decimal, bool, int) EdgeValues(object p) =>
        (Get<int>(p, "Offset"), Get<long>(p, "Span"), Get<double>(p, "Skew"), Get<decimal>(p, "Fee"), Get<bool>(p, "Live"), Get<int>(p, "event"));

    private static IStrategyDriver CreateDriver(object strategy) =>
        (IStrategyDriver)strategy.GetType().GetMethod("CreateDriver")!.Invoke(strategy, null)!;

    private static Orders NewOrders()
    {
        var gateway = new OrderGateway();
        gateway.Reset(1);
        return new Orders(gateway);
    }

    private static object Decode(Type parameters, long index) =>
        parameters.GetMethod("FromGridIndex")!.Invoke(null, new object[] { index })!;

    private static long ToGridIndex(object parameters) =>
        (long)parameters.GetType().GetMethod("ToGridIndex")!.Invoke(parameters, null)!;

    private static T Get<T>(object instance, string property) =>
        (T)instance.GetType().GetProperty(property)!.GetValue(instance)!;

    private static (int, int, double, bool) SmaValues(object p) =>
        (Get<int>(p, "Fast"), Get<int>(p, "Slow"), Get<double>(p, "Size"), Get<bool>(p, "UseStop"));

    private static (string, string, decimal, int, long) GridValues(object p) =>
        (Get<object>(p, "Mode").ToString()!, Get<object>(p, "ExitMode").ToString()!, Get<decimal>(p, "Spread"), Get<int>(p, "Levels"), Get<long>(p, "Depth"));

    private static long GridCountOf(Type parameters) => (long)CallGeneric(nameof(GridCount), parameters);

    private static long[] EncodeWholeGrid(Type parameters) => (long[])CallGeneric(nameof(EncodeGrid), parameters);

    private static object CallGeneric(string method, Type parameters) =>
        typeof(CompileAndRunTests).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(parameters)
            .Invoke(null, null)!;

    // Through the interface's static abstract members, as the engine uses them.
    private static long GridCount<T>() where T : struct, IStrategyParameters<T> => T.GridCount;

    private static long[] EncodeGrid<T>() where T : struct, IStrategyParameters<T>
    {
        var indices = new List<long>();
        for (long i = 0; i < T.GridCount; i++) indices.Add(T.FromGridIndex(i).ToGridIndex());
        return indices.ToArray();
    }
}
