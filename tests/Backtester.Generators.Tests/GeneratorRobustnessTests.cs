using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
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

    public static TheoryData<string, string, string?> StrategyShapes => DeclarationShapes.Strategies();

    public static TheoryData<string, string, string?> ArrowRecordShapes => DeclarationShapes.ArrowRecords();

    [Theory]
    [MemberData(nameof(StrategyShapes))]
    public void Strategy_declaration_gets_its_diagnostic_or_compiles(string shape, string source, string? expectedId) =>
        AssertDiagnosticOrCompiles(shape, source, expectedId);

    [Theory]
    [MemberData(nameof(ArrowRecordShapes))]
    public void Arrow_record_declaration_gets_its_diagnostic_or_compiles(string shape, string source, string? expectedId) =>
        AssertDiagnosticOrCompiles(shape, source, expectedId);

    /// <summary>
    /// The generators never throw or report anything themselves (no CS8785 invalid hint name: Generate checks it);
    /// the declaration either gets exactly the expected BT error, on a location in the user's source, and no error in
    /// generated code, or it compiles with the generated code without an error or a warning in it.
    /// </summary>
    private static void AssertDiagnosticOrCompiles(string shape, string source, string? expectedId)
    {
        string[] files = source.Split(DeclarationShapes.NextFile);
        var (_, output) = GeneratorHarness.Generate(files);
        ImmutableArray<Diagnostic> analyzer = GeneratorHarness.Analyze(output);
        Diagnostic[] compiler = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Diagnostic[] inGenerated = compiler.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ToArray();
        Diagnostic[] btErrors = analyzer.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();

        Assert.True(inGenerated.Length == 0, $"{shape}: generated code has {string.Join("; ", inGenerated.Select(d => d.ToString()))}");
        if (expectedId is null)
        {
            Assert.True(btErrors.Length == 0, $"{shape}: unexpected {string.Join("; ", btErrors.Select(d => d.ToString()))}");
            Diagnostic[] errors = compiler.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, $"{shape}: does not compile: {string.Join("; ", errors.Select(d => d.ToString()))}");
        }
        else
        {
            Assert.True(btErrors.Length > 0 && btErrors.All(d => d.Id == expectedId),
                $"{shape}: expected {expectedId}, got [{string.Join("; ", analyzer.Select(d => d.ToString()))}]");
            Assert.All(btErrors, d => Assert.True(d.Location.IsInSource, $"{shape}: {d.Id} has no source location"));
        }
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
