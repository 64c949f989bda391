namespace Backtester;

/// <summary>
/// Where records a strategy logs with <see cref="Orders.Log{TRecord}(in TRecord)"/> go. Engines implement it (the
/// Backtester engine writes one Arrow file per record type); strategy code does not use it directly.
/// </summary>
public abstract class RecordSink
{
    /// <summary>Writes one record.</summary>
    public abstract void Write<TRecord>(in TRecord record) where TRecord : struct, IArrowRecord<TRecord>;
}
