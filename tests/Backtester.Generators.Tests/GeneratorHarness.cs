using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Backtester.Generators.Tests;

/// <summary>Compiles user strategy source against the .NET 10 reference assemblies and Backtester.Sdk, and runs the generator and analyzer on it.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(Trade).Assembly.Location))
        .ToImmutableArray();

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "UserStrategies",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Strategy{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        new[] { new StrategyGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator and fails the test if it threw or reported anything itself (diagnostics are the analyzer's job).</summary>
    public static (GeneratorRunResult Result, Compilation Output) Generate(params string[] sources)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(CreateCompilation(sources), out Compilation output, out _);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        return (result, output);
    }

    /// <summary>The single generated file's text.</summary>
    public static string GenerateSingleFile(string source) => Generate(source).Result.GeneratedSources.Single().SourceText.ToString();

    /// <summary>The analyzer's diagnostics on the source plus whatever the generator emitted for it.</summary>
    public static ImmutableArray<Diagnostic> Analyze(string source)
    {
        Compilation compilation = Generate(source).Output;
        return compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new StrategyAnalyzer()))
            .GetAnalyzerDiagnosticsAsync()
            .GetAwaiter()
            .GetResult();
    }

    /// <summary>Compiles the source and the generated code into an assembly image; fails on any compiler error or warning.</summary>
    public static byte[] EmitAssembly(string source)
    {
        Compilation compilation = Generate(source).Output;
        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        Assert.Empty(emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return image.ToArray();
    }
}
