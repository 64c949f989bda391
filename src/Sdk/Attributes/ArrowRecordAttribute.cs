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
}
