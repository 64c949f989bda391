using System;
using Apache.Arrow;

namespace Backtester.Arrow;

/// <summary>
/// A set of pooled column buffers that records of type <typeparamref name="TRecord"/> are appended to, one buffer per
/// field. The generator emits one sealed implementation per <see cref="ArrowRecordAttribute"/> record.
/// </summary>
public interface IArrowColumns<TRecord> : IDisposable where TRecord : struct
{
    /// <summary>The schema of the batches this column set produces.</summary>
    Schema Schema { get; }

    /// <summary>Number of records appended since the last <see cref="ToRecordBatch"/> or <see cref="Clear"/>.</summary>
    int Count { get; }

    /// <summary>Writes each field of <paramref name="record"/> into its column. Allocation-free once the buffers have grown.</summary>
    void Append(in TRecord record);

    /// <summary>
    /// Hands the appended records to Arrow without copying: the batch's buffers are this column set's pooled arrays,
    /// which the returned <see cref="PooledRecordBatch"/> now owns and returns to the pool when disposed. The column set
    /// is empty afterwards and rents new buffers as records are appended.
    /// </summary>
    PooledRecordBatch ToRecordBatch();

    /// <summary>Forgets the appended records, keeping the buffers for reuse.</summary>
    void Clear();
}
