using System;
using System.Collections.Generic;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Backtester.Arrow;

namespace Backtester.Results;

/// <summary>
/// Streams records of an <see cref="ArrowRecordAttribute"/> type into an Arrow IPC file (the file format, a.k.a.
/// Feather v2): records are appended into the generated pooled columns and written as a record batch every
/// <see cref="ArrowFileOptions.BatchSize"/> rows, so memory does not grow with the table. The file appears under its
/// name only when <see cref="Complete"/> succeeds; disposing an incomplete writer leaves nothing behind.
/// </summary>
public sealed class ArrowRecordFileWriter<TRecord> : IDisposable, IResultStream<TRecord> where TRecord : struct, IArrowRecord<TRecord>
{
    private readonly AtomicFile _file;
    private readonly ArrowFileWriter _writer;
    private readonly IArrowColumns<TRecord> _columns;
    private readonly Schema _schema;
    private readonly int _batchSize;
    private bool _completed;

    /// <summary>Opens a writer for <paramref name="path"/> with schema-level <paramref name="metadata"/> (e.g. strategy, parameters, data source).</summary>
    public ArrowRecordFileWriter(string path, IReadOnlyDictionary<string, string>? metadata = null, ArrowFileOptions? options = null)
    {
        options ??= ArrowFileOptions.Default;
        options.Validate();
        _batchSize = options.BatchSize;
        _schema = WithMetadata(TRecord.ArrowSchema, metadata);
        _file = new AtomicFile(path);
        _columns = TRecord.CreateColumns();
        try
        {
            _writer = new ArrowFileWriter(_file.Stream, _schema, leaveOpen: true, ArrowIpcOptions.For(options.Compression));
        }
        catch
        {
            _file.Dispose();
            _columns.Dispose();
            throw;
        }
    }

    /// <summary>The final path of the file.</summary>
    public string Path => _file.Path;

    /// <summary>Rows written so far (including those not yet flushed as a batch).</summary>
    public long Rows { get; private set; }

    /// <summary>Appends one record; writes a batch when <see cref="ArrowFileOptions.BatchSize"/> rows have accumulated.</summary>
    public void Append(in TRecord record)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _columns.Append(in record);
        Rows++;
        if (_columns.Count >= _batchSize) Flush();
    }

    /// <summary>Writes the remaining rows and the file footer, then moves the file to its final name.</summary>
    /// <exception cref="ResultWriteException">The file system refused the write or the rename.</exception>
    public void Complete()
    {
        Finish();
        _file.Commit();
    }

    /// <summary>
    /// Writes the remaining rows and the footer and flushes the file to disk under its temporary name; the caller
    /// renames it (<see cref="AtomicFile.CommitTogether"/>) once every file of the set is finished.
    /// </summary>
    internal AtomicFile Finish()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _completed = true;
        try
        {
            if (_columns.Count > 0 || Rows == 0) WriteBatch();
            _writer.WriteEnd();
            _writer.Dispose();
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            throw new ResultWriteException(Path, e);
        }
        _file.Seal();
        return _file;
    }

    private void Flush()
    {
        try
        {
            WriteBatch();
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            throw new ResultWriteException(Path, e);
        }
    }

    private void WriteBatch()
    {
        using PooledRecordBatch batch = _columns.ToRecordBatch();
        // Same arrays, the schema with this file's metadata: no copy.
        _writer.WriteRecordBatch(new RecordBatch(_schema, batch.Batch.Arrays, batch.Length));
    }

    /// <summary>Releases the buffers; deletes the temporary file unless <see cref="Complete"/> succeeded.</summary>
    public void Dispose()
    {
        try
        {
            if (!_completed) _writer.Dispose(); // may flush onto a full disk and throw
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            // The file is being discarded.
        }
        finally
        {
            _file.Dispose();
            _columns.Dispose();
            _completed = true;
        }
    }

    internal static Schema WithMetadata(Schema schema, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0) return schema;
        var builder = new Schema.Builder();
        foreach (Field field in schema.FieldsList) builder.Field(field);
        if (schema.HasMetadata)
            foreach (var pair in schema.Metadata) builder.Metadata(pair.Key, pair.Value);
        foreach (var pair in metadata) builder.Metadata(pair.Key, pair.Value);
        return builder.Build();
    }
}
