namespace Backtester.Generators.Models;

/// <summary>Everything the emitter needs to know about one [Strategy] type.</summary>
/// <param name="Namespace">The containing namespace as written in code, or empty for the global namespace.</param>
/// <param name="TypeName">The type's name as an identifier (escaped if it is a keyword).</param>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified type name.</param>
/// <param name="DeclarationKeyword">"class", "struct", "record" or "record struct".</param>
/// <param name="StrategyName">The C# string literal of the strategy's name.</param>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="Parameters">The [Param] members in declaration order.</param>
/// <param name="Handlers">The event handlers in declaration order.</param>
/// <param name="GridCount">The product of every parameter's value count.</param>
/// <param name="ParameterColumns">The Parameters record struct as an Arrow record: one sweep table column per parameter.</param>
internal sealed record StrategySpec(
    string Namespace,
    string TypeName,
    string FullyQualifiedName,
    string DeclarationKeyword,
    string StrategyName,
    string HintName,
    EquatableArray<ParamSpec> Parameters,
    EquatableArray<HandlerSpec> Handlers,
    long GridCount,
    ArrowRecordSpec ParameterColumns);
