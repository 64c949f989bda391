using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Backtester.Infrastructure;
using Parquet;
using Parquet.Schema;
using Field = Apache.Arrow.Field;

namespace Backtester.Results;

/// <summary>
/// Converts Arrow result files to Parquet or CSV, column for column. Parquet keeps the Arrow types (timestamps become
/// int64 nanoseconds since the Unix epoch, UTC, so nothing is rounded; the Arrow file's schema metadata goes into the
/// Parquet key-value metadata). CSV has a header row, invariant culture, round-trip doubles, enums by member name and
/// timestamps as ISO 8601 UTC with nine fractional digits. Each output appears all at once (temporary file, rename).
/// </summary>
public static class ResultFiles
{
    /// <summary>The file extension of <paramref name="format"/>, with its dot.</summary>
    public static string Extension(ResultFormat format) => format switch
    {
        ResultFormat.Arrow => ".arrow",
        ResultFormat.Parquet => ".parquet",
        ResultFormat.Csv => ".csv",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown result format."),
    };

    /// <summary>
    /// Converts the Arrow file <paramref name="arrowPath"/> to <paramref name="format"/> next to it (same name, the
    /// format's extension) and deletes the Arrow file; returns the new path. Arrow is left as it is.
    /// </summary>
    public static string Convert(string arrowPath, ResultFormat format)
    {
        ArgumentException.ThrowIfNullOrEmpty(arrowPath);
        if (format == ResultFormat.Arrow) return arrowPath;
        if (format is not (ResultFormat.Parquet or ResultFormat.Csv)) throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown result format.");
        string target = Path.ChangeExtension(arrowPath, Extension(format));
        // A damaged file is refused naming it, whether Apache.Arrow finds the damage or the text's offsets (ArrowText) do;
        // the target's own write failures are ResultWriteExceptions and pass as they are.
        UnreadableResultFile.Read(arrowPath, "Arrow result file", null, () =>
        {
            (Schema schema, List<RecordBatch> batches) = Read(arrowPath);
            if (format == ResultFormat.Parquet) AtomicFile.Write(target, stream => WriteParquet(stream, schema, batches).GetAwaiter().GetResult());
            else AtomicFile.Write(target, stream => WriteCsv(stream, schema, batches));
            foreach (RecordBatch batch in batches) batch.Dispose();
            return target;
        });
        File.Delete(arrowPath);
        return target;
    }

    /// <summary>
    /// Converts a sealed Arrow file that still has its temporary name (a run's set before its commit) to
    /// <paramref name="format"/>: the result is another sealed temporary file for the same name with the format's
    /// extension, for <see cref="AtomicFile.CommitTogether"/>. The caller disposes both.
    /// </summary>
    internal static AtomicFile ConvertSealed(AtomicFile arrow, ResultFormat format)
    {
        string target = Path.ChangeExtension(arrow.Path, Extension(format));
        (Schema schema, List<RecordBatch> batches) = Read(arrow.TemporaryPath);
        var file = new AtomicFile(target);
        try
        {
            if (format == ResultFormat.Parquet) WriteParquet(file.Stream, schema, batches).GetAwaiter().GetResult();
            else if (format == ResultFormat.Csv) WriteCsv(file.Stream, schema, batches);
            else throw new ArgumentOutOfRangeException(nameof(format), format, "Only Parquet and CSV are converted to.");
            file.Seal();
            return file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file.Dispose();
            throw new ResultWriteException(target, e);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        finally
        {
            foreach (RecordBatch batch in batches) batch.Dispose();
        }
    }

    /// <summary>
    /// Converts every Arrow result file in <paramref name="directory"/> whose metadata names <paramref name="strategy"/>
    /// (so market data or other runs' files in the folder are left alone); returns the new paths.
    /// </summary>
    public static IReadOnlyList<string> ConvertRun(string directory, string strategy, ResultFormat format)
    {
        var converted = new List<string>();
        if (format == ResultFormat.Arrow || !Directory.Exists(directory)) return converted;
        var files = new List<string>(Directory.GetFiles(directory, "*.arrow"));
        files.Sort(StringComparer.Ordinal);
        foreach (string file in files)
        {
            string? owner;
            using (FileStream stream = ArrowIpcFile.OpenRead(file))
            using (var reader = new ArrowFileReader(stream))
                owner = reader.Schema.Metadata is { } m && m.TryGetValue(ResultMetadata.Keys.Strategy, out string? s) ? s : null;
            if (owner == strategy) converted.Add(Convert(file, format));
        }
        return converted;
    }

    private static (Schema, List<RecordBatch>) Read(string path)
    {
        using FileStream stream = ArrowIpcFile.OpenRead(path);
        using var reader = new ArrowFileReader(stream, new Apache.Arrow.Compression.CompressionCodecFactory());
        var batches = new List<RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch.Clone());
        return (reader.Schema, batches);
    }

    private static async Task WriteParquet(Stream stream, Schema schema, List<RecordBatch> batches)
    {
        var fields = new List<DataField>();
        foreach (Field field in schema.FieldsList) fields.Add(ParquetField(field));
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields.ToArray()), stream);
        if (schema.Metadata is { Count: > 0 } metadata)
            writer.CustomMetadata = new Dictionary<string, string>(metadata);
        if (batches.Count == 0) batches = [new RecordBatch(schema, EmptyColumns(schema), 0)];
        foreach (RecordBatch batch in batches)
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            for (int c = 0; c < fields.Count; c++) await WriteColumn(group, fields[c], batch.Column(c), batch.Length);
        }
    }

    private static DataField ParquetField(Field field) => field.DataType switch
    {
        DoubleType => new DataField<double>(field.Name),
        FloatType => new DataField<float>(field.Name),
        Int64Type or TimestampType => new DataField<long>(field.Name),
        Int32Type => new DataField<int>(field.Name),
        Int16Type => new DataField<short>(field.Name),
        Int8Type => new DataField<sbyte>(field.Name),
        UInt8Type => new DataField<byte>(field.Name),
        BooleanType => new DataField<bool>(field.Name),
        StringType => new DataField<string>(field.Name, true),
        _ => throw new NotSupportedException($"Column '{field.Name}' has Arrow type {field.DataType.Name}, which result files do not use."),
    };

    private static async Task WriteColumn(ParquetRowGroupWriter group, DataField field, IArrowArray column, int length)
    {
        switch (column)
        {
            case DoubleArray a: await group.WriteAsync((DataField<double>)field, (ReadOnlyMemory<double>)Values(a.Values, length)); break;
            case FloatArray a: await group.WriteAsync((DataField<float>)field, (ReadOnlyMemory<float>)Values(a.Values, length)); break;
            case Int64Array a: await group.WriteAsync((DataField<long>)field, (ReadOnlyMemory<long>)Values(a.Values, length)); break;
            case TimestampArray a: await group.WriteAsync((DataField<long>)field, (ReadOnlyMemory<long>)Values(a.Values, length)); break;
            case Int32Array a: await group.WriteAsync((DataField<int>)field, (ReadOnlyMemory<int>)Values(a.Values, length)); break;
            case Int16Array a: await group.WriteAsync((DataField<short>)field, (ReadOnlyMemory<short>)Values(a.Values, length)); break;
            case Int8Array a: await group.WriteAsync((DataField<sbyte>)field, (ReadOnlyMemory<sbyte>)Values(a.Values, length)); break;
            case UInt8Array a: await group.WriteAsync((DataField<byte>)field, (ReadOnlyMemory<byte>)Values(a.Values, length)); break;
            case BooleanArray a:
                var flags = new bool[length];
                for (int i = 0; i < length; i++) flags[i] = a.GetValue(i) ?? false;
                await group.WriteAsync((DataField<bool>)field, (ReadOnlyMemory<bool>)flags);
                break;
            case StringArray a:
                var texts = new string?[length];
                for (int i = 0; i < length; i++) texts[i] = ArrowText.Read(a, i, field.Name);
                await group.WriteAsync(field, texts);
                break;
            default: throw new NotSupportedException($"Column '{field.Name}' has Arrow type {column.Data.DataType.Name}, which result files do not use.");
        }
    }

    private static T[] Values<T>(ReadOnlySpan<T> values, int length) where T : struct => values[..length].ToArray();

    private static IArrowArray[] EmptyColumns(Schema schema)
    {
        var columns = new IArrowArray[schema.FieldsList.Count];
        for (int c = 0; c < columns.Length; c++) columns[c] = ArrowArrayFactory.BuildArray(new ArrayData(schema.FieldsList[c].DataType, 0, 0, 0, EmptyBuffers(schema.FieldsList[c].DataType)));
        return columns;
    }

    private static ArrowBuffer[] EmptyBuffers(IArrowType type) =>
        type is StringType ? [ArrowBuffer.Empty, new ArrowBuffer(new byte[4]), ArrowBuffer.Empty] : [ArrowBuffer.Empty, ArrowBuffer.Empty];

    private static void WriteCsv(Stream stream, Schema schema, List<RecordBatch> batches)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var names = new List<string>();
        var enums = new List<Dictionary<long, string>?>();
        foreach (Field field in schema.FieldsList)
        {
            names.Add(Quote(field.Name));
            enums.Add(field.Metadata is { } m && m.TryGetValue("backtester.enum", out string? members) ? EnumNames(members) : null);
        }
        writer.WriteLine(string.Join(",", names));
        var cells = new string[names.Count];
        foreach (RecordBatch batch in batches)
            for (int row = 0; row < batch.Length; row++)
            {
                for (int c = 0; c < cells.Length; c++) cells[c] = Cell(batch.Column(c), row, schema.FieldsList[c].Name, enums[c]);
                writer.WriteLine(string.Join(",", cells));
            }
    }

    /// <summary><c>Buy=1,Sell=-1</c> → {1: Buy, -1: Sell}.</summary>
    private static Dictionary<long, string> EnumNames(string members)
    {
        var names = new Dictionary<long, string>();
        foreach (string member in members.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = member.IndexOf('=');
            if (eq > 0 && long.TryParse(member[(eq + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)) names[value] = member[..eq];
        }
        return names;
    }

    private static string Cell(IArrowArray column, int row, string columnName, Dictionary<long, string>? enumNames)
    {
        if (column.IsNull(row)) return "";
        CultureInfo c = CultureInfo.InvariantCulture;
        long? integer = column switch
        {
            Int64Array a => a.GetValue(row),
            Int32Array a => a.GetValue(row),
            Int16Array a => a.GetValue(row),
            Int8Array a => a.GetValue(row),
            UInt8Array a => a.GetValue(row),
            _ => null,
        };
        if (integer is { } n) return enumNames is not null && enumNames.TryGetValue(n, out string? name) ? name : n.ToString(c);
        return column switch
        {
            DoubleArray a => Number(a.GetValue(row)!.Value),
            FloatArray a => Number(a.GetValue(row)!.Value),
            BooleanArray a => a.GetValue(row)!.Value ? "true" : "false",
            TimestampArray a => Iso(a.GetValue(row)!.Value),
            StringArray a => Quote(ArrowText.Read(a, row, columnName)!),
            _ => throw new NotSupportedException($"Arrow type {column.Data.DataType.Name} is not used by result files."),
        };
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 UTC with nanoseconds: 2024-01-01T00:00:00.123456789Z.</summary>
    internal static string Iso(long ns)
    {
        long seconds = Math.DivRem(ns, 1_000_000_000L, out long fraction);
        if (fraction < 0) { seconds--; fraction += 1_000_000_000L; }
        return DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + fraction.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
