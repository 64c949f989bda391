using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Backtester.Generators;

/// <summary>What the analyzers share: run a check on every named type and report the diagnostics it collects.</summary>
internal static class DeclarationAnalysis
{
    /// <summary>
    /// Registers <paramref name="analyzeType"/> for every named type of a compilation in which
    /// <paramref name="attribute"/> resolves (one that references the Sdk). The analyzers configure generated-code
    /// analysis and concurrency in their own Initialize, where the RS1025/RS1026 checks look for it.
    /// </summary>
    public static void RegisterTypeAction(
        AnalysisContext context,
        Func<KnownSymbols, INamedTypeSymbol?> attribute,
        Action<INamedTypeSymbol, KnownSymbols, List<Diagnostic>, CancellationToken> analyzeType)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var known = new KnownSymbols(start.Compilation);
            if (attribute(known) is null) return;
            start.RegisterSymbolAction(symbolContext =>
            {
                var diagnostics = new List<Diagnostic>();
                analyzeType((INamedTypeSymbol)symbolContext.Symbol, known, diagnostics, symbolContext.CancellationToken);
                foreach (Diagnostic diagnostic in diagnostics) symbolContext.ReportDiagnostic(diagnostic);
            }, SymbolKind.NamedType);
        });
    }
}
