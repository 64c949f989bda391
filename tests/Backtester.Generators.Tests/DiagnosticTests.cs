using Xunit;
using static Backtester.Generators.Tests.DiagnosticAssert;

namespace Backtester.Generators.Tests;

/// <summary>One test per rule: the analyzer reports it on the right member with the bad value in the message, and the generator skips an erroneous strategy without throwing.</summary>
public sealed class DiagnosticTests
{
    private static string InStrategy(string members) => Usings + $$"""
        [Strategy]
        public partial class S
        {
        {{members}}
        }
        """;

    [Fact]
    public void BT0001_strategy_that_is_not_partial() =>
        AssertReported(Usings + "[Strategy] public class Plain { }", "BT0001", "Plain", "'Plain'");

    [Fact]
    public void BT0002_nested_strategy_names_its_container() =>
        AssertReported(Usings + "public partial class Outer { [Strategy] public partial class Inner { } }", "BT0002", "Inner", "nested in 'Outer'");

    [Fact]
    public void BT0002_generic_strategy() =>
        AssertReported(Usings + "[Strategy] public partial class Gen<T> { }", "BT0002", "Gen", "generic");

    [Fact]
    public void BT0003_param_of_unsupported_type() =>
        AssertReported(InStrategy("[Param(1, 2)] public float Ratio { get; set; }"), "BT0003", "Ratio", "float");

    [Fact]
    public void BT0004_get_only_property() =>
        AssertReported(InStrategy("[Param(1, 10)] public int Fast { get; }"), "BT0004", "Fast", "no setter");

    [Fact]
    public void BT0004_readonly_field() =>
        AssertReported(InStrategy("[Param(1, 10)] public readonly int Fast;"), "BT0004", "Fast", "readonly field");

    [Fact]
    public void BT0004_static_property() =>
        AssertReported(InStrategy("[Param(1, 10)] public static int Fast { get; set; }"), "BT0004", "Fast", "static");

    [Fact]
    public void BT0005_min_greater_than_max() =>
        AssertReported(InStrategy("[Param(10, 5)] public int Fast { get; set; }"), "BT0005", "Fast", "min 10 is greater than max 5");

    [Fact]
    public void BT0005_step_not_positive() =>
        AssertReported(InStrategy("[Param(1, 5, Step = 0)] public int Fast { get; set; }"), "BT0005", "Fast", "step 0 must be positive");

    [Fact]
    public void BT0005_nan_bound() =>
        AssertReported(InStrategy("[Param(double.NaN, 1.0)] public double Size { get; set; }"), "BT0005", "Size", "min NaN");

    [Fact]
    public void BT0005_empty_values() =>
        AssertReported(InStrategy("[Param(Values = new int[0])] public int Fast { get; set; }"), "BT0005", "Fast", "Values is empty");

    [Fact]
    public void BT0005_values_of_another_type() =>
        AssertReported(InStrategy("[Param(Values = new[] { 1.5, 2.5 })] public int Fast { get; set; }"), "BT0005", "Fast", "1.5");

    [Fact]
    public void BT0005_duplicate_value() =>
        AssertReported(InStrategy("[Param(Values = new[] { 3, 5, 3 })] public int Fast { get; set; }"), "BT0005", "Fast", "3 appears twice");

    [Fact]
    public void BT0006_uneven_step_is_a_warning_and_the_grid_stops_below_max()
    {
        string source = InStrategy("[Param(0, 10, Step = 3)] public int Fast { get; set; }");
        AssertReported(source, "BT0006", "Fast", "stops at 9", expectGeneratedCode: true);
        Assert.Contains("public const long Count = 4;", GeneratorHarness.GenerateSingleFile(source));
    }

    [Fact]
    public void BT0007_grid_larger_than_long() =>
        AssertReported(
            InStrategy("""
                [Param(0, 2000000000)] public int A { get; set; }
                [Param(0, 2000000000)] public int B { get; set; }
                [Param(0, 2000000000)] public int C { get; set; }
                """),
            "BT0007", "S", "2000000001 x 2000000001 x 2000000001");

    [Fact]
    public void BT0008_handler_returning_a_value() =>
        AssertReported(InStrategy("[OnTrade] int Handle(in Trade t) => 0;"), "BT0008", "Handle", "returns int");

    [Fact]
    public void BT0008_handler_taking_the_wrong_event() =>
        AssertReported(InStrategy("[OnTrade] void Handle(in Quote q) { }"), "BT0008", "Handle", "Backtester.Quote");

    [Fact]
    public void BT0008_generic_handler() =>
        AssertReported(InStrategy("[OnStart] void Begin<T>() { }"), "BT0008", "Begin", "generic");

    [Fact]
    public void BT0009_second_handler_for_an_event() =>
        AssertReported(InStrategy("[OnBar] void First(in Bar b) { }\n[OnBar] void Second(in Bar b) { }"), "BT0009", "Second", "'First'");

    [Fact]
    public void BT0010_static_handler() =>
        AssertReported(InStrategy("[OnFinish] static void Done() { }"), "BT0010", "Done", "OnFinish");

    [Fact]
    public void BT0011_handler_in_a_type_without_strategy_is_a_warning() =>
        AssertReported(Usings + "public class Helper { [OnTrade] void Handle(in Trade t) { } }", "BT0011", "Handle", "'Helper'");

    [Fact]
    public void BT0011_param_in_a_type_without_strategy() =>
        AssertReported(Usings + "public class Settings { [Param(1, 2)] public int Level { get; set; } }", "BT0011", "Level", "[Param]");

    [Fact]
    public void BT0012_fractional_bound_on_int() =>
        AssertReported(InStrategy("[Param(0.5, 2.0)] public int Fast { get; set; }"), "BT0012", "Fast", "min 0.5");

    [Fact]
    public void BT0012_fractional_step_on_int() =>
        AssertReported(InStrategy("[Param(1, 10, Step = 0.5)] public int Fast { get; set; }"), "BT0012", "Fast", "step 0.5");

    [Fact]
    public void BT0012_range_outside_int() =>
        AssertReported(InStrategy("[Param(0, 3000000000)] public int Fast { get; set; }"), "BT0012", "Fast", "max 3000000000");

    [Fact]
    public void BT0013_class_without_parameterless_constructor() =>
        AssertReported(Usings + "[Strategy] public partial class NoCtor { public NoCtor(int seed) { } }", "BT0013", "NoCtor", "no parameterless constructor");

    [Fact]
    public void BT0014_param_named_like_a_generated_member() =>
        AssertReported(InStrategy("[Param(1, 2)] public int Count { get; set; }"), "BT0014", "Count", "'Count'");

    [Fact]
    public void BT0014_param_named_like_a_generated_parameters_member() =>
        AssertReported(InStrategy("[Param(1, 2)] public int TableName { get; set; }"), "BT0014", "TableName", "'TableName'");

    [Fact]
    public void BT0002_file_local_strategy() =>
        AssertReported(Usings + "[Strategy] file partial class Local { }", "BT0002", "Local", "file-local");

    [Fact]
    public void BT0013_required_member_that_is_not_a_parameter() =>
        AssertReported(InStrategy("public required string Label { get; set; }"), "BT0013", "Label", "its member 'Label' is required");

    [Fact]
    public void BT0015_async_void_handler() =>
        AssertReported(InStrategy("[OnTrade] async void Handle(in Trade t) { await System.Threading.Tasks.Task.Yield(); }"), "BT0015", "Handle", "[OnTrade] is async");

    [Fact]
    public void BT0016_parameters_with_one_snake_case_column() =>
        AssertReported(InStrategy("[Param(1, 2)] public int FastMA { get; set; }\n[Param(1, 2)] public int FastMa { get; set; }"),
            "BT0016", "FastMa", "column 'fast_ma', which 'FastMA' already has");

    [Fact]
    public void BT0016_parameters_differing_only_in_case() =>
        AssertReported(InStrategy("[Param(1, 2)] public int Alpha { get; set; }\n[Param(1, 2)] public int alpha { get; set; }"),
            "BT0016", "alpha", "column 'alpha', which 'Alpha' already has");

    [Fact]
    public void BT0017_parameter_named_like_a_statistic() =>
        AssertReported(InStrategy("[Param(1.0, 2.0)] public double Sharpe { get; set; }"), "BT0017", "Sharpe", "column 'sharpe', which the sweep table already has for a BacktestSummary statistic");

    [Fact]
    public void BT0017_parameter_named_like_the_index_column() =>
        AssertReported(InStrategy("[Param(1, 2)] public int Index { get; set; }"), "BT0017", "Index", "column 'index', which the sweep table already has for the combination's grid index");

    [Fact]
    public void BT0018_method_named_like_a_generated_method() =>
        AssertReported(InStrategy("public int CreateDriver() => 0;"), "BT0018", "CreateDriver", "clashes with the generated method CreateDriver() of strategy 'S'");

    [Fact]
    public void BT0018_nested_type_named_Parameters() =>
        AssertReported(InStrategy("public sealed class Parameters { }"), "BT0018", "Parameters", "the generated nested type Parameters");

    [Fact]
    public void BT0018_strategy_named_like_a_generated_member() =>
        AssertReported(Usings + "[Strategy] public partial class Grid { }", "BT0018", "Grid", "a member cannot have the name of its type");

    [Fact]
    public void Valid_strategies_report_nothing()
    {
        Assert.Empty(GeneratorHarness.Analyze(SampleStrategies.SmaCross));
        Assert.Empty(GeneratorHarness.Analyze(SampleStrategies.GridMaker));
        Assert.Empty(GeneratorHarness.Analyze(SampleStrategies.Recorder));
    }
}
