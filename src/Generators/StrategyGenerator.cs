using System.Collections.Generic;
using Backtester.Generators.Models;
using Microsoft.CodeAnalysis;

namespace Backtester.Generators;

/// <summary>
/// For every [Strategy] type, emits its Parameters record struct, its parameter Grid and a struct Driver that
/// calls the handlers directly. Strategies with errors are skipped; <see cref="StrategyAnalyzer"/> reports them.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class StrategyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<StrategySpec?> strategies = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.StrategyAttribute,
                predicate: static (_, _) => true,
                transform: static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol type && AttributeApplications.IsFirst(ctx, KnownTypeNames.StrategyAttribute)
                    ? new Parser(new KnownSymbols(ctx.SemanticModel.Compilation), new List<Diagnostic>()).Parse(type, ctx.Attributes[0], ct)
                    : null)
            .WithTrackingName(TrackingNames.Strategies);

        IncrementalValuesProvider<StrategySpec> valid = strategies
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidStrategies);

        context.RegisterSourceOutput(valid, static (spc, spec) => spc.AddSource(spec.HintName, Emitter.Emit(spec)));
    }
}
