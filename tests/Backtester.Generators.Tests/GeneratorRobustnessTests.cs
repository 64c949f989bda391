using System.Linq;
using Xunit;

namespace Backtester.Generators.Tests;

/// <summary>Broken or unusual input: the generator neither throws nor emits code that cannot compile.</summary>
public sealed class GeneratorRobustnessTests
{
    [Theory]
    [InlineData("[Strategy] public partial class S { [Param(] public int A { get; set; } }")]
    [InlineData("[Strategy] public partial class S { [Param(1, 2, Step = \"x\")] public int A { get; set; } }")]
    [InlineData("[Strategy] public partial class S { [Param(Values = new[] { Missing.A })] public int A { get; set; } }")]
    [InlineData("[Strategy] public partial class S { [Param(1, 2)] public Unknown A { get; set; } }")]
    [InlineData("[Strategy] public partial class S { [OnTrade] void M(in Unknown t) { } }")]
    [InlineData("[Strategy] public partial class S { [OnTrade] void M(in Trade t, Orders o, int extra) { } }")]
    [InlineData("[Strategy] public partial interface I { }")]
    [InlineData("[Strategy] public partial class")]
    [InlineData("[ArrowRecord] public partial record struct R(Unknown A);")]
    [InlineData("[ArrowRecord] public partial record struct R { public Unknown A { get; init; } }")]
    [InlineData("[ArrowRecord] public partial record struct")]
    [InlineData("[ArrowRecord] public partial interface I { }")]
    public void Malformed_declarations_neither_throw_nor_emit(string declaration)
    {
        // Generate fails the test if the generator threw or reported a diagnostic of its own.
        var (result, _) = GeneratorHarness.Generate("using Backtester;\n" + declaration);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Strategy_attribute_repeated_on_two_partial_declarations_emits_one_file()
    {
        var (result, _) = GeneratorHarness.Generate(
            "using Backtester;\n[Strategy] public partial class Twice { }",
            "using Backtester;\n[Strategy] public partial class Twice { }");
        Assert.Single(result.GeneratedSources);
    }

    [Fact]
    public void Strategies_in_several_files_each_get_their_own_file()
    {
        var (result, output) = GeneratorHarness.Generate(SampleStrategies.SmaCross, SampleStrategies.GridMaker, SampleStrategies.Recorder);
        Assert.Equal(3, result.GeneratedSources.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }
}
