using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Backtester.Generators;

/// <summary>
/// Reports mistakes in strategy declarations (BT0001...). It runs the generator's own parser, so whatever it
/// accepts the generator emits, and whatever it rejects the generator skips.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StrategyAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NotPartial,
        DiagnosticDescriptors.NotTopLevelOrGeneric,
        DiagnosticDescriptors.UnsupportedParamType,
        DiagnosticDescriptors.ParamNotSettable,
        DiagnosticDescriptors.InvalidRange,
        DiagnosticDescriptors.UnevenStep,
        DiagnosticDescriptors.GridTooLarge,
        DiagnosticDescriptors.WrongHandlerSignature,
        DiagnosticDescriptors.DuplicateHandler,
        DiagnosticDescriptors.StaticHandler,
        DiagnosticDescriptors.OutsideStrategy,
        DiagnosticDescriptors.NotRepresentable,
        DiagnosticDescriptors.NoParameterlessConstructor,
        DiagnosticDescriptors.ReservedParamName,
        DiagnosticDescriptors.AsyncHandler,
        DiagnosticDescriptors.DuplicateParamColumn,
        DiagnosticDescriptors.ParamColumnReserved,
        DiagnosticDescriptors.GeneratedMemberClash);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        DeclarationAnalysis.RegisterTypeAction(context, static known => known.StrategyAttribute, static (type, known, diagnostics, cancellationToken) =>
        {
            AttributeData? strategy = type.GetAttributes().FirstOrDefault(known.IsStrategy);
            if (strategy is not null)
                new StrategyGenerator.Parser(known, diagnostics).Parse(type, strategy, cancellationToken);
            else
                ReportIgnoredAttributes(type, known, diagnostics);
        });
    }

    private static void ReportIgnoredAttributes(INamedTypeSymbol type, KnownSymbols known, List<Diagnostic> diagnostics)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            foreach (AttributeData attribute in member.GetAttributes())
            {
                if (!known.IsMemberAttribute(attribute)) continue;
                string name = attribute.AttributeClass!.Name;
                string shortName = name.EndsWith("Attribute") ? name.Substring(0, name.Length - "Attribute".Length) : name;
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.OutsideStrategy, member.Locations.FirstOrDefault(), member.Name, shortName, type.Name));
            }
        }
    }
}
