using System;
using System.Buffers;
using System.Collections.Generic;
using Apache.Arrow;

namespace Backtester.Arrow;

/// <summary>
/// An Arrow <see cref="RecordBatch"/> whose buffers are arrays rented from <see cref="ArrayPool{T}.Shared"/>.
/// Disposing it returns them to the pool; the batch must not be used after that.
/// </summary>
public sealed class PooledRecordBatch : IDisposable
{
    private List<byte[]>? _rentals;

    internal PooledRecordBatch(RecordBatch batch, List<byte[]> rentals)
    {
        Batch = batch;
        _rentals = rentals;
    }

    /// <summary>The batch. Valid until this object is disposed.</summary>
    public RecordBatch Batch { get; }

    /// <summary>Number of rows.</summary>
    public int Length => Batch.Length;

    /// <summary>Returns the buffers to the pool.</summary>
    public void Dispose()
    {
        List<byte[]>? rentals = _rentals;
        _rentals = null;
        if (rentals is null) return;
        Batch.Dispose();
        foreach (byte[] array in rentals) ArrayPool<byte>.Shared.Return(array);
    }
}
