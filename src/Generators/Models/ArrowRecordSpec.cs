namespace Backtester.Generators.Models;

/// <summary>Everything the emitter needs to know about one [ArrowRecord] record struct (or a strategy's Parameters).</summary>
/// <param name="Namespace">The containing namespace as written in code, or empty for the global namespace.</param>
/// <param name="TypeName">The type's name as an identifier (escaped if it is a keyword).</param>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified type name (just <c>Parameters</c> inside a strategy).</param>
/// <param name="IsReadOnly">True when the record is a <c>readonly record struct</c>.</param>
/// <param name="HintName">The generated file's hint name (empty for a strategy's Parameters, emitted with the strategy).</param>
/// <param name="TableName">The record's table name: the file stem a run writes these records to.</param>
/// <param name="Fields">The Arrow fields in declaration order.</param>
/// <param name="IsPositional">True when the fields are the primary constructor's parameters.</param>
/// <param name="Readable">True when every field can be set, so a <c>ReadRow</c> that rebuilds a record is emitted.</param>
internal sealed record ArrowRecordSpec(
    string Namespace,
    string TypeName,
    string FullyQualifiedName,
    bool IsReadOnly,
    string HintName,
    string TableName,
    EquatableArray<ArrowFieldSpec> Fields,
    bool IsPositional,
    bool Readable);
