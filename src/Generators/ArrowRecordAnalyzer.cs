using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Backtester.Generators;

/// <summary>
/// Reports mistakes in [ArrowRecord] declarations (BT0101...). It runs the generator's own parser, so whatever it
/// accepts the generator emits, and whatever it rejects the generator skips.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ArrowRecordAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnsupportedArrowFieldType,
        DiagnosticDescriptors.ArrowRecordNotPartialRecordStruct,
        DiagnosticDescriptors.ArrowTimestampNotLong,
        DiagnosticDescriptors.DuplicateArrowColumnName,
        DiagnosticDescriptors.ArrowRecordNotTopLevelOrGeneric);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        DeclarationAnalysis.RegisterTypeAction(context, static known => known.ArrowRecordAttribute, static (type, known, diagnostics, cancellationToken) =>
        {
            if (type.GetAttributes().Any(known.IsArrowRecord))
                new ArrowRecordGenerator.Parser(known, diagnostics).Parse(type, cancellationToken);
        });
    }
}
