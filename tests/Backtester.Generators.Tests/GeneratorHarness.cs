using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Backtester.Generators.Tests;

/// <summary>
/// Compiles user source against the .NET 10 reference assemblies, Backtester.Sdk and Apache.Arrow, and runs both
/// generators and both analyzers on it, as a project referencing the Sdk package does.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(Trade).Assembly.Location))
        .Append(MetadataReference.CreateFromFile(typeof(Apache.Arrow.Schema).Assembly.Location))
        .ToImmutableArray();

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "UserStrategies",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Strategy{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(UnifiedReferenceWarnings));

    // Apache.Arrow is built against net8.0's System.Runtime; like the .NET SDK (NoWarn CS1701;CS1702), accept the unification to 10.0.
    private static readonly ImmutableDictionary<string, ReportDiagnostic> UnifiedReferenceWarnings = ImmutableDictionary.CreateRange(new[]
    {
        new KeyValuePair<string, ReportDiagnostic>("CS1701", ReportDiagnostic.Suppress),
        new KeyValuePair<string, ReportDiagnostic>("CS1702", ReportDiagnostic.Suppress),
    });

    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        new[] { new StrategyGenerator().AsSourceGenerator(), new ArrowRecordGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generators and fails the test if one threw or reported anything itself (diagnostics are the analyzers' job).</summary>
    public static (Generated Result, Compilation Output) Generate(params string[] sources)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(CreateCompilation(sources), out Compilation output, out _);
        ImmutableArray<GeneratorRunResult> results = driver.GetRunResult().Results;
        foreach (GeneratorRunResult result in results)
        {
            Assert.Null(result.Exception);
            Assert.Empty(result.Diagnostics);
        }
        return (new Generated(results.SelectMany(r => r.GeneratedSources).ToImmutableArray()), output);
    }

    /// <summary>The single generated file's text.</summary>
    public static string GenerateSingleFile(string source) => Generate(source).Result.GeneratedSources.Single().SourceText.ToString();

    /// <summary>The analyzers' diagnostics on the source plus whatever the generators emitted for it.</summary>
    public static ImmutableArray<Diagnostic> Analyze(params string[] sources) => Analyze(Generate(sources).Output);

    /// <summary>The analyzers' diagnostics on an already generated compilation.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
    {
        return compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new StrategyAnalyzer(), new ArrowRecordAnalyzer()))
            .GetAnalyzerDiagnosticsAsync()
            .GetAwaiter()
            .GetResult();
    }

    /// <summary>Compiles the sources and the generated code into an assembly image; fails on any compiler error or warning.</summary>
    public static byte[] EmitAssembly(params string[] sources)
    {
        Compilation compilation = Generate(sources).Output;
        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        Assert.Empty(emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return image.ToArray();
    }
}

/// <summary>The files every generator emitted, in generator order.</summary>
internal sealed record Generated(ImmutableArray<GeneratedSourceResult> GeneratedSources);
