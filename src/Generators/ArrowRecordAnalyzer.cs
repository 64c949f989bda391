using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Backtester.Generators;

/// <summary>
/// Reports mistakes in [ArrowRecord] declarations (BT0101...). It runs the generator's own parser, so whatever it
/// accepts the generator emits, and whatever it rejects the generator skips. Two records with one table name
/// (BT0108) are each valid alone, so the generator emits both and this analyzer fails the build once it has seen
/// the whole compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ArrowRecordAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnsupportedArrowFieldType,
        DiagnosticDescriptors.ArrowRecordNotPartialRecordStruct,
        DiagnosticDescriptors.ArrowTimestampNotLong,
        DiagnosticDescriptors.DuplicateArrowColumnName,
        DiagnosticDescriptors.ArrowRecordNotTopLevelOrGeneric,
        DiagnosticDescriptors.ArrowRecordMemberClash,
        DiagnosticDescriptors.ReservedTableName,
        DiagnosticDescriptors.DuplicateTableName,
        DiagnosticDescriptors.InvalidTableName);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = new KnownSymbols(start.Compilation);
            if (known.ArrowRecordAttribute is null) return;
            var tables = new ConcurrentBag<(string Table, INamedTypeSymbol Type)>();
            start.RegisterSymbolAction(symbolContext =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                if (!type.GetAttributes().Any(known.IsArrowRecord)) return;
                var diagnostics = new List<Diagnostic>();
                new ArrowRecordGenerator.Parser(known, diagnostics).Parse(type, symbolContext.CancellationToken);
                foreach (Diagnostic diagnostic in diagnostics) symbolContext.ReportDiagnostic(diagnostic);

                // The table name alone (its own errors are reported above), so duplicates are found among records with other errors too.
                if (new ArrowRecordGenerator.Parser(known, new List<Diagnostic>()).ParseTableName(type) is { } table)
                    tables.Add((table, type));
            }, SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => ReportDuplicateTables(end, tables));
        });
    }

    private static void ReportDuplicateTables(CompilationAnalysisContext context, IEnumerable<(string Table, INamedTypeSymbol Type)> tables)
    {
        foreach (var group in tables.GroupBy(t => t.Table, StringComparer.Ordinal))
        {
            var types = group.Select(t => t.Type).OrderBy(t => t.ToDisplayString(), StringComparer.Ordinal).ToList();
            if (types.Count < 2) continue;
            foreach (INamedTypeSymbol type in types)
            {
                string others = string.Join("', '", types.Where(t => !SymbolEqualityComparer.Default.Equals(t, type)).Select(t => t.ToDisplayString()));
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateTableName, type.Locations.FirstOrDefault(), type.ToDisplayString(), group.Key, others));
            }
        }
    }
}
