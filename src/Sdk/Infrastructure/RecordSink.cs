using System.ComponentModel;
using Backtester.Arrow;
namespace Backtester.Infrastructure;

/// <summary>
/// Where records a strategy logs with <see cref="Orders.Log{TRecord}(in TRecord)"/> go. Engines implement it (the
/// Backtester engine writes one Arrow file per record type); strategy code does not use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RecordSink
{
    /// <summary>Writes one record.</summary>
    public abstract void Write<TRecord>(in TRecord record) where TRecord : struct, IArrowRecord<TRecord>;
}
