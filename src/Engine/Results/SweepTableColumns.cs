using System;
using System.Collections.Generic;
using Apache.Arrow;
using Apache.Arrow.Types;
using Backtester.Arrow;
using Backtester.Infrastructure;

namespace Backtester.Results;

/// <summary>
/// Pooled columns for sweep rows: <c>index</c>, the strategy's parameter columns (generated), the
/// <see cref="BacktestSummary"/> columns (generated) and a nullable <c>error</c>. One instance per writer; reused.
/// A failed row (one with an error) holds null in every statistic, so that sorting by a statistic never ranks a failure
/// among real results (a 0 would rank it above every loss).
/// </summary>
internal sealed class SweepTableColumns<TParameters> : IDisposable
    where TParameters : struct, IStrategyParameters<TParameters>
{
    private static readonly Schema EdgeSchema = new Schema.Builder()
        .Field(new Field("index", Int64Type.Default, nullable: false))
        .Field(new Field("error", StringType.Default, nullable: true))
        .Build();

    private readonly PooledColumn<long> _index = new();
    private readonly PooledStringColumn _error = new();
    private readonly IArrowColumns<TParameters> _parameters = TParameters.CreateColumns();
    private readonly IArrowColumns<BacktestSummary> _summary = BacktestSummary.CreateColumns();

    // Validity of the statistics of the rows appended since the last batch (bit set: the row succeeded).
    private byte[] _valid = new byte[64];
    private int _failed;

    public SweepTableColumns(IReadOnlyDictionary<string, string> metadata) => Schema = SchemaFor(metadata);

    public Schema Schema { get; }

    public int Count => _index.Count;

    public void Append(in SweepRow<TParameters> row)
    {
        int position = _index.Count;
        if (position / 8 >= _valid.Length) System.Array.Resize(ref _valid, _valid.Length * 2);
        if (row.Error is null) _valid[position / 8] |= (byte)(1 << (position % 8));
        else
        {
            _valid[position / 8] &= (byte)~(1 << (position % 8));
            _failed++;
        }
        _index.Append(row.Index);
        TParameters parameters = row.Parameters;
        _parameters.Append(in parameters);
        BacktestSummary summary = row.Summary;
        _summary.Append(in summary);
        _error.Append(row.Error);
    }

    /// <summary>The appended rows as one batch (no copy); dispose it after writing to return the buffers.</summary>
    public SweepBatch ToBatch()
    {
        int length = _index.Count;
        var edges = new ArrowBatchBuilder(EdgeSchema, length);
        edges.Add(_index);
        edges.Add(_error);
        PooledRecordBatch edge = edges.Build();
        PooledRecordBatch parameters = _parameters.ToRecordBatch();
        PooledRecordBatch summary = _summary.ToRecordBatch();
        var arrays = new List<IArrowArray>(Schema.FieldsList.Count) { edge.Batch.Column(0) };
        arrays.AddRange(parameters.Batch.Arrays);
        if (_failed == 0) arrays.AddRange(summary.Batch.Arrays);
        else
        {
            // The same value buffers under a validity bitmap that marks the failed rows null (a fresh copy: the batch outlives the next Append).
            var validity = new ArrowBuffer(_valid.AsSpan(0, (length + 7) / 8).ToArray());
            foreach (IArrowArray array in summary.Batch.Arrays)
            {
                ArrayData data = array.Data;
                var buffers = (ArrowBuffer[])data.Buffers.Clone();
                buffers[0] = validity;
                arrays.Add(ArrowArrayFactory.BuildArray(new ArrayData(data.DataType, data.Length, _failed, data.Offset, buffers, data.Children, data.Dictionary)));
            }
        }
        System.Array.Clear(_valid);
        _failed = 0;
        arrays.Add(edge.Batch.Column(1));
        return new SweepBatch(new RecordBatch(Schema, arrays, length), edge, parameters, summary);
    }

    public void Dispose()
    {
        _index.Dispose();
        _error.Dispose();
        _parameters.Dispose();
        _summary.Dispose();
    }

    /// <summary>The table's schema: index, parameter columns, statistics, error, with <paramref name="metadata"/>.</summary>
    public static Schema SchemaFor(IReadOnlyDictionary<string, string> metadata)
    {
        var builder = new Schema.Builder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(Field field)
        {
            if (!seen.Add(field.Name))
                throw new ArgumentException($"The sweep table would have two '{field.Name}' columns: rename the parameter that clashes with a statistic.");
            builder.Field(field);
        }
        Add(EdgeSchema.GetFieldByName("index"));
        foreach (Field field in TParameters.ArrowSchema.FieldsList) Add(field);
        foreach (Field field in BacktestSummary.ArrowSchema.FieldsList) Add(new Field(field.Name, field.DataType, nullable: true, field.Metadata));
        Add(EdgeSchema.GetFieldByName("error"));
        foreach (var pair in metadata) builder.Metadata(pair.Key, pair.Value);
        return builder.Build();
    }
}

/// <summary>A sweep record batch and the pooled buffers behind it, returned to the pool on dispose.</summary>
internal sealed class SweepBatch(RecordBatch batch, params PooledRecordBatch[] owners) : IDisposable
{
    public RecordBatch Batch { get; } = batch;

    public void Dispose()
    {
        foreach (PooledRecordBatch owner in owners) owner.Dispose();
    }
}
