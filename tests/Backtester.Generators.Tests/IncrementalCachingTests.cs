using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Backtester.Generators.Tests;

public sealed class IncrementalCachingTests
{
    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached_or_unchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(
            SampleStrategies.SmaCross, SampleStrategies.GridMaker, SampleArrowRecords.Execution, SampleArrowRecords.SignalLog);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Other; public static class Unrelated { public const int Answer = 42; }", GeneratorHarness.ParseOptions));
        ImmutableArray<GeneratorRunResult> rerun = driver.RunGenerators(edited).GetRunResult().Results;

        foreach (string name in StepNames)
        {
            IncrementalGeneratorRunStep[] steps = StepsNamed(rerun, name);
            Assert.NotEmpty(steps);
            foreach (var (_, reason) in steps.SelectMany(s => s.Outputs))
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {name} was {reason}");
        }
        foreach (var (_, reason) in rerun.SelectMany(r => r.TrackedOutputSteps).SelectMany(s => s.Value).SelectMany(s => s.Outputs))
            Assert.Equal(IncrementalStepRunReason.Cached, reason);
    }

    [Fact]
    public void Editing_a_handler_body_leaves_the_model_unchanged_and_every_output_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(SampleStrategies.SmaCross, SampleStrategies.GridMaker, SampleArrowRecords.Execution);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        string edited = SampleStrategies.SmaCross.Replace("{ Trades++; }", "{ Trades++; Trades += orders.Position > 0 ? 1 : 0; }");
        Assert.NotEqual(SampleStrategies.SmaCross, edited);
        ImmutableArray<GeneratorRunResult> rerun = driver.RunGenerators(Replace(compilation, 0, edited)).GetRunResult().Results;

        // The edited strategy is parsed again (its tree changed) and gives an equal model: Unchanged, not Modified.
        IncrementalStepRunReason[] strategies = StepsNamed(rerun, TrackingNames.Strategies).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Contains(IncrementalStepRunReason.Unchanged, strategies);
        foreach (string name in StepNames)
        {
            foreach (var (_, reason) in StepsNamed(rerun, name).SelectMany(s => s.Outputs))
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {name} was {reason}");
        }
        foreach (var (_, reason) in rerun.SelectMany(r => r.TrackedOutputSteps).SelectMany(s => s.Value).SelectMany(s => s.Outputs))
            Assert.Equal(IncrementalStepRunReason.Cached, reason);
    }

    [Fact]
    public void Changing_a_param_range_modifies_that_strategy_model_and_regenerates_only_its_file()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(SampleStrategies.SmaCross, SampleStrategies.GridMaker);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        string edited = SampleStrategies.SmaCross.Replace("[Param(5, 50, Step = 5)]", "[Param(5, 60, Step = 5)]");
        Assert.NotEqual(SampleStrategies.SmaCross, edited);
        GeneratorDriver rerunDriver = driver.RunGenerators(Replace(compilation, 0, edited));
        ImmutableArray<GeneratorRunResult> rerun = rerunDriver.GetRunResult().Results;

        var strategies = StepsNamed(rerun, TrackingNames.Strategies).SelectMany(s => s.Outputs).ToArray();
        var modified = strategies.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => o.Value).ToArray();
        var spec = Assert.IsType<Backtester.Generators.Models.StrategySpec>(Assert.Single(modified));
        Assert.Equal("SmaCross", spec.TypeName);
        Assert.Equal(12, spec.Parameters[0].Count); // 5, 10, ..., 60
        Assert.Equal(12L * 10 * 4 * 2, spec.GridCount);
        Assert.All(strategies.Where(o => o.Value != (object)spec), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        var outputs = rerun.SelectMany(r => r.TrackedOutputSteps).SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Equal(1, outputs.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, outputs.Count(r => r == IncrementalStepRunReason.Cached));
        string generated = rerunDriver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("Demo.SmaCross.Strategy.g.cs")).ToString();
        Assert.Contains("public const long Count = 960;", generated);
    }

    /// <summary><paramref name="compilation"/> with its tree number <paramref name="index"/> replaced by <paramref name="source"/>.</summary>
    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string source)
    {
        SyntaxTree old = compilation.SyntaxTrees[index];
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: old.FilePath));
    }

    [Fact]
    public void No_step_output_holds_a_symbol_syntax_node_semantic_model_compilation_or_location()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(
            SampleStrategies.SmaCross, SampleStrategies.GridMaker, SampleStrategies.Recorder, SampleArrowRecords.Execution, SampleArrowRecords.SignalLog);
        ImmutableArray<GeneratorRunResult> run = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results;

        foreach (string name in StepNames)
        {
            IncrementalGeneratorRunStep[] steps = StepsNamed(run, name);
            Assert.NotEmpty(steps);
            foreach (var (value, _) in steps.SelectMany(s => s.Outputs))
                AssertHoldsNoRoslynObjects(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    /// <summary>The steps named <paramref name="name"/>, from whichever generator tracks them.</summary>
    private static IncrementalGeneratorRunStep[] StepsNamed(ImmutableArray<GeneratorRunResult> results, string name) => results
        .SelectMany(r => r.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps) ? steps : ImmutableArray<IncrementalGeneratorRunStep>.Empty)
        .ToArray();

    private static void AssertHoldsNoRoslynObjects(object? value, string path, HashSet<object> visited)
    {
        if (value is null) return;
        Type type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal) return;
        Assert.False(
            value is ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Compilation or Location,
            $"{path} holds a {type.FullName}, which defeats caching and keeps compilations alive");
        if (!type.IsValueType && !visited.Add(value)) return;
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items) AssertHoldsNoRoslynObjects(item, $"{path}[{i++}]", visited);
        }
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            AssertHoldsNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", visited);
    }
}
