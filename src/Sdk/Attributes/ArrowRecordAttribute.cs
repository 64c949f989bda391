using System;

namespace Backtester;

/// <summary>
/// Marks a <c>partial record struct</c> whose instances are written to Arrow tables. The source generator emits a
/// static Arrow <c>Schema</c> (field names in snake_case) and a nested <c>Columns</c> class: one pooled, growable
/// buffer per field, an <c>Append(in T)</c> that writes each field straight into its column, and
/// <c>ToRecordBatch()</c> that hands the buffers to Arrow without copying.
/// </summary>
/// <remarks>
/// Supported field types: <c>long</c>, <c>int</c>, <c>short</c>, <c>sbyte</c>, <c>byte</c>, <c>double</c>, <c>float</c>,
/// <c>bool</c>, enums (stored as their underlying integer, with the member names in the field's metadata),
/// <c>string</c> (utf8, nullable) and <c>long</c> marked <see cref="ArrowTimestampAttribute"/> (Timestamp(ns, "UTC")).
/// </remarks>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
public sealed class ArrowRecordAttribute : Attribute
{
    /// <summary>
    /// The table name, the stem of the file a run writes these records to (<c>{TableName}.arrow</c>); defaults to
    /// the type name in snake_case (<c>SignalSnapshot</c> → <c>signal_snapshot</c>). A letter, then letters, digits,
    /// <c>_</c> or <c>-</c>; not one the engine uses for its own results (summary, fills, equity, sweep, orders,
    /// round_trips, ledger, windows), and not the table name of another record in the same project (diagnostics
    /// BT0107 to BT0109).
    /// </summary>
    public string? TableName { get; set; }
}
