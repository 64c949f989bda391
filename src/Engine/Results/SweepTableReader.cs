using System;
using System.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Infrastructure;

namespace Backtester.Results;

/// <summary>
/// A sweep table file (a sweep's journal part, a search's journal part, a finished halving rung) read back one record
/// batch at a time, for the readers that rebuild its rows into <see cref="SweepRow{TParameters}"/>s: the sweep's resume
/// journal, the sample journal of searches and a resumed halving rung. The file is opened through
/// <see cref="ArrowIpcFile"/> (its frame and metadata checked before Apache.Arrow sizes anything by them), with the codecs
/// of a compressed table. What a reader checks of the rows (their order, their range, their parameters) stays its own,
/// and so does the wrapping of the reader's exceptions (<see cref="UnreadableResultFile"/>).
/// </summary>
internal sealed class SweepTableReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly ArrowFileReader _reader;
    private RecordBatch? _batch;
    private Int64Array? _index;
    private StringArray? _error;

    /// <exception cref="InvalidDataException">The file is not an Arrow IPC file, or is truncated (the message names it).</exception>
    public SweepTableReader(string path)
    {
        _stream = ArrowIpcFile.OpenRead(path);
        try
        {
            _reader = new ArrowFileReader(_stream, ArrowIpcOptions.Codecs);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    /// <summary>The file's schema, its metadata included.</summary>
    public Schema Schema => _reader.Schema;

    /// <summary>The current record batch (after <see cref="ReadBatch"/> returned true).</summary>
    public RecordBatch Batch => _batch ?? throw new InvalidOperationException("No batch read yet.");

    /// <summary>Moves to the next record batch, disposing the current one; false after the last.</summary>
    public bool ReadBatch()
    {
        DisposeBatch();
        if (_reader.ReadNextRecordBatch() is not { } batch) return false;
        _batch = batch;
        _index = (Int64Array)batch.Column("index");
        _error = (StringArray)batch.Column("error");
        return true;
    }

    /// <summary>The grid index of <paramref name="row"/> of the current batch; null where the file holds none.</summary>
    public long? Index(int row) => _index!.GetValue(row);

    /// <summary>The error of <paramref name="row"/> of the current batch; null for a row that succeeded.</summary>
    /// <remarks>
    /// Decoded by <see cref="ArrowText"/>, which checks the row's offsets against the value buffer: Apache.Arrow's
    /// <see cref="StringArray.GetString"/> does not, and in a damaged rung table an offset beyond the buffer made it read
    /// unmapped memory, an access violation that ended the process (the halving rung fuzz found it, decision 0104).
    /// </remarks>
    public string? Error(int row) => ArrowText.Read(_error!, row, "error");

    /// <summary>
    /// The statistics of <paramref name="row"/> of the current batch; <see langword="default"/> for a failed row, as
    /// <see cref="SweepRow{TParameters}.Summary"/> has it (the engine writes a failed row's statistics as nulls).
    /// </summary>
    public BacktestSummary Summary(int row) => Error(row) is null ? BacktestSummary.ReadRow(Batch, row) : default;

    /// <summary>
    /// <paramref name="row"/> of the current batch as the sweep row of grid index <paramref name="index"/> and
    /// <paramref name="parameters"/> (each reader decodes and checks them its own way).
    /// </summary>
    public SweepRow<TParameters> Row<TParameters>(int row, long index, TParameters parameters)
        where TParameters : struct =>
        new(index, parameters, Summary(row), Error(row));

    private void DisposeBatch()
    {
        _batch?.Dispose();
        _batch = null;
        _index = null;
        _error = null;
    }

    public void Dispose()
    {
        DisposeBatch();
        _reader.Dispose();
        _stream.Dispose();
    }
}
