using System;
using System.Collections.Generic;
using System.IO;
using Apache.Arrow;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester.Cli.Reports;

/// <summary>
/// A result file read whole, in any format <c>--format</c> writes (<see cref="ResultFileReader"/>; result files are small
/// next to market data): columns by name as numbers or text.
/// </summary>
internal sealed class ResultTable
{
    private readonly List<RecordBatch> _batches = new();

    private ResultTable(string path, Schema schema)
    {
        Path = path;
        Schema = schema;
    }

    public string Path { get; }

    public Schema Schema { get; }

    public int Rows { get; private set; }

    public static ResultTable Read(string path) => BacktesterCli.Input($"cannot read '{path}'", () =>
    {
        (Schema schema, IReadOnlyList<RecordBatch> batches) = ResultFileReader.Read(path);
        var table = new ResultTable(path, schema);
        foreach (RecordBatch batch in batches)
        {
            table._batches.Add(batch);
            table.Rows += batch.Length;
        }
        return table;
    });

    /// <summary>The table <paramref name="name"/> in <paramref name="folder"/> in whichever format it was written, or null.</summary>
    public static ResultTable? Find(string folder, string name) => ResultFileReader.Find(folder, name) is { } path ? Read(path) : null;

    public bool Has(string column) => Schema.GetFieldIndex(column) >= 0;

    public string? Metadata(string key) => Schema.Metadata is { } m && m.TryGetValue(key, out string? value) ? value : null;

    /// <summary>
    /// The equity sampling interval the results were sampled at: the recorded option, or for an automatic one (0) the
    /// library's rule over the recorded span of data in one piece. Null when the file does not say enough (no metadata,
    /// or segmented data, whose rule counts the segments' spans).
    /// </summary>
    public long? EquitySampleInterval()
    {
        if (MetadataLong(ResultMetadata.Keys.OptionPrefix + "equity_sample_interval_ns") is not { } interval || interval < 0) return null;
        if (interval != EquitySampling.Auto) return interval;
        if (MetadataLong(ResultMetadata.Keys.DataSegments) is > 1) return null;
        return MetadataLong(ResultMetadata.Keys.DataFirstTime) is { } first && MetadataLong(ResultMetadata.Keys.DataLastTime) is { } last
            ? EquitySampling.IntervalFor(last - first)
            : null;
    }

    private long? MetadataLong(string key) =>
        long.TryParse(Metadata(key), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long value) ? value : null;

    /// <summary>A numeric column as doubles (timestamps as ns, booleans as 0/1, nulls as NaN).</summary>
    public double[] Numbers(string column)
    {
        if (!Has(column)) throw new UserErrorException($"{Path}: no column '{column}'.");
        // The values are read only now (ResultFileReader.Read checks the file, not each cell), so damage found here is
        // refused naming the file too: Apache.Arrow throws ArgumentOutOfRangeException for a data buffer shorter than the column.
        return BacktesterCli.Input($"cannot read column '{column}' of '{Path}'", () =>
        {
            var values = new double[Rows];
            int at = 0;
            foreach (RecordBatch batch in _batches)
            {
                IArrowArray array = batch.Column(column);
                for (int i = 0; i < batch.Length; i++, at++)
                    values[at] = array switch
                    {
                        DoubleArray a => a.GetValue(i) ?? double.NaN,
                        FloatArray a => a.GetValue(i) ?? double.NaN,
                        Int64Array a => a.GetValue(i) ?? double.NaN,
                        Int32Array a => a.GetValue(i) ?? double.NaN,
                        Int16Array a => a.GetValue(i) ?? double.NaN,
                        Int8Array a => a.GetValue(i) ?? double.NaN,
                        UInt8Array a => a.GetValue(i) ?? double.NaN,
                        TimestampArray a => a.GetValue(i) ?? double.NaN,
                        BooleanArray a => a.GetValue(i) is { } b ? (b ? 1 : 0) : double.NaN,
                        _ => throw new UserErrorException($"{Path}: column '{column}' is {array.Data.DataType.Name}, not a number."),
                    };
            }
            return values;
        });
    }

    /// <summary>A column's values as invariant text, for tables and grouping.</summary>
    public string?[] Texts(string column)
    {
        if (!Has(column)) throw new UserErrorException($"{Path}: no column '{column}'.");
        if (Schema.GetFieldByName(column).DataType is not Apache.Arrow.Types.StringType)
        {
            double[] numbers = Numbers(column);
            return System.Array.ConvertAll(numbers, v => (string?)v.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
        // Through ArrowText, refused naming the file: Apache.Arrow's GetString trusts the offsets (decision 0104).
        return BacktesterCli.Input($"cannot read '{Path}'", () =>
        {
            var values = new string?[Rows];
            int at = 0;
            foreach (RecordBatch batch in _batches)
            {
                var array = (StringArray)batch.Column(column);
                for (int i = 0; i < batch.Length; i++, at++) values[at] = ArrowText.Read(array, i, column);
            }
            return values;
        });
    }
}
