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
