using System.Collections.Generic;
using Backtester.Generators.Models;
using Microsoft.CodeAnalysis;

namespace Backtester.Generators;

/// <summary>
/// For every [ArrowRecord] record struct, emits its static Arrow schema and a nested Columns class of pooled column
/// buffers. Records with errors are skipped; <see cref="ArrowRecordAnalyzer"/> reports them.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ArrowRecordGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ArrowRecordSpec?> records = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.ArrowRecordAttribute,
                predicate: static (_, _) => true,
                transform: static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol type && AttributeApplications.IsFirst(ctx, KnownTypeNames.ArrowRecordAttribute)
                    ? new Parser(new KnownSymbols(ctx.SemanticModel.Compilation), new List<Diagnostic>()).Parse(type, ct)
                    : null)
            .WithTrackingName(TrackingNames.ArrowRecords);

        IncrementalValuesProvider<ArrowRecordSpec> valid = records
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidArrowRecords);

        context.RegisterSourceOutput(valid, static (spc, spec) => spc.AddSource(spec.HintName, Emitter.Emit(spec)));
    }
}
