using System;
using Apache.Arrow;
using Apache.Arrow.C;
using Apache.Arrow.Memory;
using Backtester.Arrow;

namespace Backtester.Results;

/// <summary>
/// Result tables in memory: records as an Arrow record batch, and export of a batch through the Arrow C Data Interface,
/// so an in-process host (Python through pythonnet, with pyarrow's <c>RecordBatch._import_from_c</c>, or any Arrow
/// implementation) takes the table without an IPC round trip.
/// </summary>
public static class ArrowTables
{
    /// <summary>The records as one record batch in their generated pooled columns (dispose it to return the buffers).</summary>
    /// <example><code>using PooledRecordBatch fills = ArrowTables.From(result.Fills.Span);</code></example>
    public static PooledRecordBatch From<TRecord>(ReadOnlySpan<TRecord> records) where TRecord : struct, IArrowRecord<TRecord>
    {
        using IArrowColumns<TRecord> columns = TRecord.CreateColumns();
        foreach (ref readonly TRecord record in records) columns.Append(in record);
        return columns.ToRecordBatch();
    }

    /// <summary>
    /// Exports <paramref name="batch"/> through the Arrow C Data Interface into the caller-allocated <c>ArrowArray</c> and
    /// <c>ArrowSchema</c> structs at <paramref name="arrayAddress"/> and <paramref name="schemaAddress"/> (e.g.
    /// <c>pyarrow.cffi.ffi.new("struct ArrowArray*")</c> cast to an integer).
    /// </summary>
    /// <remarks>
    /// The C Data Interface needs memory that neither moves nor goes back to a pool while the consumer holds it, so the
    /// batch is copied once into native memory that the exported struct owns; the consumer frees it by calling the
    /// struct's release callback, as the interface specifies. <paramref name="batch"/> stays the caller's.
    /// </remarks>
    public static unsafe void Export(RecordBatch batch, nint arrayAddress, nint schemaAddress)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (arrayAddress == 0) throw new ArgumentException("The ArrowArray address is null.", nameof(arrayAddress));
        if (schemaAddress == 0) throw new ArgumentException("The ArrowSchema address is null.", nameof(schemaAddress));
        RecordBatch owned = batch.Clone(new NativeMemoryAllocator());
        try
        {
            CArrowSchemaExporter.ExportSchema(batch.Schema, (CArrowSchema*)schemaAddress);
            CArrowArrayExporter.ExportRecordBatch(owned, (CArrowArray*)arrayAddress);
        }
        catch
        {
            owned.Dispose();
            throw;
        }
    }
}
