using System;

namespace Backtester;

/// <summary>
/// On a <c>long</c> member of an <see cref="ArrowRecordAttribute"/> record: the value is nanoseconds since the Unix
/// epoch, written as an Arrow <c>Timestamp(ns, "UTC")</c> column (polars reads it as <c>Datetime(ns, UTC)</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false)]
public sealed class ArrowTimestampAttribute : Attribute
{
}
