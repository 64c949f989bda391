using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backtester.Generators.Tests;

/// <summary>The check every diagnostic test makes, for strategies and Arrow records alike.</summary>
internal static class DiagnosticAssert
{
    public const string Usings = "using Backtester;\nusing System;\n";

    /// <summary>Exactly one diagnostic, <paramref name="id"/>, on <paramref name="locatedText"/>; the generators emit code only when expected.</summary>
    public static void AssertReported(string source, string id, string locatedText, string messageFragment, bool expectGeneratedCode = false)
    {
        ImmutableArray<Diagnostic> diagnostics = GeneratorHarness.Analyze(source);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(locatedText, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains(messageFragment, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // The generators never throw (Generate asserts that) and skip a declaration with an error.
        var (result, _) = GeneratorHarness.Generate(source);
        Assert.Equal(expectGeneratedCode, result.GeneratedSources.Any());
    }
}
