using System.Linq;
using Xunit;

namespace Backtester.Generators.Tests;

public sealed class SnapshotTests
{
    [Fact]
    public void Class_strategy_with_ranges_and_a_bool_generates_the_documented_shape() =>
        Snapshot.Verify("SmaCross", GeneratorHarness.GenerateSingleFile(SampleStrategies.SmaCross));

    [Fact]
    public void Struct_strategy_with_enums_decimal_and_value_lists_generates_value_arrays() =>
        Snapshot.Verify("GridMaker", GeneratorHarness.GenerateSingleFile(SampleStrategies.GridMaker));

    [Fact]
    public void Strategy_without_parameters_in_the_global_namespace_dispatches_all_eight_events() =>
        Snapshot.Verify("Recorder", GeneratorHarness.GenerateSingleFile(SampleStrategies.Recorder));

    [Fact]
    public void Hint_name_is_namespace_type_and_feature()
    {
        var (result, _) = GeneratorHarness.Generate(SampleStrategies.GridMaker, SampleStrategies.Recorder);
        Assert.Equal(
            new[] { "Demo.Structs.GridMaker.Strategy.g.cs", "Recorder.Strategy.g.cs" },
            result.GeneratedSources.Select(s => s.HintName).Order());
    }
}
