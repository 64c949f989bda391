using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Backtester.Arrow;
using Parquet;
using Parquet.Schema;
using Field = Apache.Arrow.Field;

namespace Backtester.Results;

/// <summary>
/// Reads a result file in any <see cref="ResultFormat"/> (by its extension: <c>.arrow</c>, <c>.parquet</c>, <c>.csv</c>)
/// back into Arrow record batches, so tools that combine or report results take every format <c>--format</c> writes.
/// Columns of the run's own tables (summary, fills, equity, orders, round_trips, symbols; the table named by the
/// Parquet metadata or by a CSV file's name) get their Arrow types back: timestamps, enums (CSV names them), integer
/// widths. Other columns keep Parquet's types, or, in CSV, are integers, doubles, booleans, timestamps or text as their
/// cells read. Parquet files keep their schema metadata (the provenance); CSV files have none.
/// </summary>
public static class ResultFileReader
{
    private static readonly Dictionary<string, Schema> KnownTables = new(StringComparer.Ordinal)
    {
        ["summary"] = SchemaOf<BacktestSummary>(),
        ["fills"] = SchemaOf<Fill>(),
        ["equity"] = SchemaOf<EquitySample>(),
        ["orders"] = SchemaOf<OrderRecord>(),
        ["round_trips"] = SchemaOf<RoundTripRecord>(),
        ["symbols"] = SchemaOf<SymbolStatistics>(),
    };

    /// <summary>The file's schema (with its metadata) and its rows as record batches; the caller disposes the batches.</summary>
    /// <remarks>
    /// Text cells are not decoded here, but every text column's offsets of an Arrow file are checked against its value
    /// buffer (a damaged file is refused), so its cells can be read with the generated <c>ReadRow</c> (e.g.
    /// <see cref="RoundTripRecord.ReadRow"/>) or with Apache.Arrow's <see cref="StringArray.GetString"/>, which does not
    /// check them itself (decision 0104).
    /// </remarks>
    /// <exception cref="InvalidDataException">The file is not a readable result file of its format; the message names it.</exception>
    public static (Schema Schema, IReadOnlyList<RecordBatch> Batches) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            (Schema schema, IReadOnlyList<RecordBatch> batches) = extension switch
            {
                ".parquet" => ReadParquet(path),
                ".csv" => ReadCsv(path),
                _ => ReadArrow(path),
            };
            // A sweep or search table holds its rows' checksum: a changed value is refused, not reported as a result.
            if (schema.HasMetadata && schema.Metadata.GetValueOrDefault(ResultMetadata.Keys.Table) is "sweep" or "search")
            {
                try
                {
                    var checksum = new SweepRowsChecksum();
                    foreach (RecordBatch batch in batches) checksum.Append(batch);
                    checksum.Check(path, schema.Metadata);
                }
                catch
                {
                    foreach (RecordBatch batch in batches) batch.Dispose();
                    throw;
                }
            }
            return (schema, batches);
        }
        catch (Exception e) when (!UnreadableResultFile.Names(e, path))
        {
            // Apache.Arrow's and Parquet.Net's own exceptions for a damaged file (NullReferenceException, Thrift
            // errors, out-of-range indices) as well as our columns' type checks: named, with what the reader said.
            throw UnreadableResultFile.Error(path, $"{extension.TrimStart('.')} result file", e);
        }
    }

    /// <summary>
    /// The key-value metadata of a Parquet result file (the provenance, as <see cref="ResultMetadata"/> reads it), without
    /// reading its rows.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a whole Parquet file; the message names it.</exception>
    internal static IReadOnlyDictionary<string, string> ParquetMetadata(string path)
    {
        using FileStream stream = ParquetResultFile.OpenRead(path);
        ParquetReader reader;
        try
        {
            reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        }
        catch (Exception e) when (!UnreadableResultFile.Names(e, path))
        {
            throw UnreadableResultFile.Error(path, "Parquet result file", e);
        }
        try
        {
            return new Dictionary<string, string>(reader.CustomMetadata ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The path of the result table <paramref name="table"/> in <paramref name="folder"/>: its .arrow file, else .parquet, else .csv; null if none.</summary>
    public static string? Find(string folder, string table)
    {
        foreach (ResultFormat format in new[] { ResultFormat.Arrow, ResultFormat.Parquet, ResultFormat.Csv })
        {
            string path = Path.Combine(folder, table + ResultFiles.Extension(format));
            if (File.Exists(path)) return path;
        }
        return null;
    }

    private static Schema SchemaOf<T>() where T : struct, IArrowRecord<T> => T.ArrowSchema;

    private static (Schema, IReadOnlyList<RecordBatch>) ReadArrow(string path)
    {
        using FileStream stream = ArrowIpcFile.OpenRead(path);
        using var reader = new ArrowFileReader(stream, new Apache.Arrow.Compression.CompressionCodecFactory());
        var batches = new List<RecordBatch>();
        try
        {
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                batches.Add(batch.Clone());
                TextColumnOffsets.Check(batches[^1], path);
            }
        }
        catch
        {
            foreach (RecordBatch batch in batches) batch.Dispose();
            throw;
        }
        return (reader.Schema, batches);
    }

    private static (Schema, IReadOnlyList<RecordBatch>) ReadParquet(string path)
    {
        using FileStream stream = ParquetResultFile.OpenRead(path);
        ParquetReader reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            return ReadParquet(reader);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static (Schema, IReadOnlyList<RecordBatch>) ReadParquet(ParquetReader reader)
    {
        Dictionary<string, string> metadata = new(reader.CustomMetadata ?? new Dictionary<string, string>());
        Schema? known = metadata.TryGetValue(ResultMetadata.Keys.Table, out string? table) && KnownTables.TryGetValue(table, out Schema? s) ? s : null;
        DataField[] fields = reader.Schema.GetDataFields();
        var builder = new Schema.Builder();
        var arrowFields = new Field[fields.Length];
        for (int c = 0; c < fields.Length; c++)
        {
            arrowFields[c] = known?.GetFieldByName(fields[c].Name) ?? new Field(fields[c].Name, ArrowTypeOf(fields[c]), fields[c].IsNullable);
            builder.Field(arrowFields[c]);
        }
        foreach (var pair in metadata) builder.Metadata(pair.Key, pair.Value);
        Schema schema = builder.Build();
        var batches = new List<RecordBatch>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            ParquetRowGroupReader group = reader.RowGroups[g];
            int n = (int)group.RowCount;
            var columns = new IArrowArray[fields.Length];
            for (int c = 0; c < fields.Length; c++)
                columns[c] = Build(arrowFields[c].DataType, ParquetValues(group, fields[c], n));
            batches.Add(new RecordBatch(schema, columns, n));
        }
        return (schema, batches);
    }

    private static IArrowType ArrowTypeOf(DataField field) => field.ClrType switch
    {
        Type t when t == typeof(double) => DoubleType.Default,
        Type t when t == typeof(float) => FloatType.Default,
        Type t when t == typeof(long) => Int64Type.Default,
        Type t when t == typeof(int) => Int32Type.Default,
        Type t when t == typeof(short) => Int16Type.Default,
        Type t when t == typeof(sbyte) => Int8Type.Default,
        Type t when t == typeof(byte) => UInt8Type.Default,
        Type t when t == typeof(bool) => BooleanType.Default,
        Type t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => StringType.Default, // Parquet.Net's view of UTF-8 strings
        _ => throw new NotSupportedException($"column '{field.Name}' has Parquet type {field.ClrType.Name}, which result files do not use"),
    };

    /// <summary>A Parquet column's values as objects (null for nulls): result tables are small, so boxing is fine here.</summary>
    private static object?[] ParquetValues(ParquetRowGroupReader group, DataField field, int n)
    {
        object?[] Read<T>() where T : struct
        {
            var values = new object?[n];
            if (field.IsNullable)
            {
                var raw = new T?[n];
                group.ReadAsync(field, raw.AsMemory(), null).AsTask().GetAwaiter().GetResult();
                for (int i = 0; i < n; i++) values[i] = raw[i];
            }
            else
            {
                var raw = new T[n];
                group.ReadAsync(field, raw.AsMemory(), null).AsTask().GetAwaiter().GetResult();
                for (int i = 0; i < n; i++) values[i] = raw[i];
            }
            return values;
        }
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var texts = new string?[n];
            group.ReadAsync(field, texts.AsMemory(), null).AsTask().GetAwaiter().GetResult();
            return texts;
        }
        return field.ClrType switch
        {
            Type t when t == typeof(double) => Read<double>(),
            Type t when t == typeof(float) => Read<float>(),
            Type t when t == typeof(long) => Read<long>(),
            Type t when t == typeof(int) => Read<int>(),
            Type t when t == typeof(short) => Read<short>(),
            Type t when t == typeof(sbyte) => Read<sbyte>(),
            Type t when t == typeof(byte) => Read<byte>(),
            Type t when t == typeof(bool) => Read<bool>(),
            _ => throw new NotSupportedException($"column '{field.Name}' has Parquet type {field.ClrType.Name}, which result files do not use"),
        };
    }

    private static (Schema, IReadOnlyList<RecordBatch>) ReadCsv(string path)
    {
        List<string[]> rows = CsvRows(File.ReadAllText(path, Encoding.UTF8), path);
        if (rows.Count == 0) throw new InvalidDataException($"{path}: empty CSV file (a result file has at least its header row)");
        string[] header = rows[0];
        Schema? known = KnownTables.GetValueOrDefault(Path.GetFileNameWithoutExtension(path));
        int n = rows.Count - 1;
        var builder = new Schema.Builder();
        var columns = new IArrowArray[header.Length];
        var fields = new Field[header.Length];
        for (int c = 0; c < header.Length; c++)
        {
            var cells = new string[n];
            for (int r = 0; r < n; r++)
            {
                string[] row = rows[r + 1];
                if (row.Length != header.Length) throw new InvalidDataException($"{path}: row {r + 1} has {row.Length} cells, the header {header.Length}");
                cells[r] = row[c];
            }
            Field field = known?.GetFieldByName(header[c]) ?? new Field(header[c], Infer(cells), nullable: true);
            fields[c] = field;
            builder.Field(field);
            columns[c] = Build(field.DataType, Parse(field, cells, path));
        }
        Schema schema = builder.Build();
        return (schema, n == 0 ? [] : [new RecordBatch(schema, columns, n)]);
    }

    /// <summary>The type a CSV column's cells read as: integers, doubles, booleans, ISO timestamps, else text.</summary>
    private static IArrowType Infer(string[] cells)
    {
        bool integers = true, numbers = true, booleans = true, times = true;
        foreach (string cell in cells)
        {
            if (cell.Length == 0) continue;
            integers &= long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
            numbers &= Number(cell) is not null;
            booleans &= cell is "true" or "false";
            times &= Iso(cell) is not null;
        }
        return integers ? Int64Type.Default : numbers ? DoubleType.Default : booleans ? BooleanType.Default
            : times ? new TimestampType(TimeUnit.Nanosecond, "UTC") : StringType.Default;
    }

    private static object?[] Parse(Field field, string[] cells, string path)
    {
        Dictionary<string, long>? enumValues = field.Metadata is { } m && m.TryGetValue("backtester.enum", out string? members) ? EnumValues(members) : null;
        var values = new object?[cells.Length];
        for (int r = 0; r < cells.Length; r++)
        {
            string cell = cells[r];
            if (cell.Length == 0 && field.DataType is not StringType) continue;
            object? value = field.DataType switch
            {
                StringType => cell,
                BooleanType => cell == "true" ? true : cell == "false" ? false : null,
                TimestampType => Iso(cell),
                DoubleType or FloatType => Number(cell),
                _ => enumValues is not null && enumValues.TryGetValue(cell, out long e) ? e
                    : long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : null,
            };
            values[r] = value ?? throw new InvalidDataException($"{path}: row {r + 1}, column '{field.Name}': '{cell}' is not a {field.DataType.Name}");
        }
        return values;
    }

    /// <summary><c>Buy=1,Sell=-1</c> → {Buy: 1, Sell: -1}.</summary>
    private static Dictionary<string, long> EnumValues(string members)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string member in members.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = member.IndexOf('=');
            if (eq > 0 && long.TryParse(member[(eq + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)) values[member[..eq]] = value;
        }
        return values;
    }

    private static double? Number(string cell) => cell switch
    {
        "NaN" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null,
    };

    /// <summary>2024-01-01T00:00:00.123456789Z (as <see cref="ResultFiles"/> writes it) → ns since the epoch.</summary>
    private static long? Iso(string cell)
    {
        if (cell.Length < 20 || cell[^1] != 'Z' || cell[10] != 'T') return null;
        if (!DateTime.TryParseExact(cell.AsSpan(0, 19), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime seconds)) return null;
        long fraction = 0;
        if (cell.Length > 20)
        {
            ReadOnlySpan<char> digits = cell.AsSpan(20, cell.Length - 21);
            if (cell[19] != '.' || digits.Length is 0 or > 9 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out fraction)) return null;
            for (int i = digits.Length; i < 9; i++) fraction *= 10;
        }
        return (seconds - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond * 1_000_000_000L + fraction;
    }

    /// <summary>RFC 4180 rows: quoted cells may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<string[]> CsvRows(string text, string path)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch != '"') cell.Append(ch);
                else if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; any = true; break;
                case ',': row.Add(cell.ToString()); cell.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row.ToArray());
                    row.Clear();
                    any = false;
                    break;
                default: cell.Append(ch); any = true; break;
            }
        }
        if (quoted) throw new InvalidDataException($"{path}: a quoted cell is not closed");
        if (any || cell.Length > 0) { row.Add(cell.ToString()); rows.Add(row.ToArray()); }
        return rows;
    }

    private static IArrowArray Build(IArrowType type, object?[] values)
    {
        switch (type)
        {
            case DoubleType: { var b = new DoubleArray.Builder(); foreach (object? v in values) { if (v is null) b.AppendNull(); else b.Append(Convert.ToDouble(v, CultureInfo.InvariantCulture)); } return b.Build(); }
            case FloatType: { var b = new FloatArray.Builder(); foreach (object? v in values) { if (v is null) b.AppendNull(); else b.Append(Convert.ToSingle(v, CultureInfo.InvariantCulture)); } return b.Build(); }
            case Int64Type: { var b = new Int64Array.Builder(); foreach (object? v in values) { if (v is null) b.AppendNull(); else b.Append(Convert.ToInt64(v, CultureInfo.InvariantCulture)); } return b.Build(); }
            case Int32Type: { var b = new Int32Array.Builder(); foreach (object? v in values) { if (v is null) b.AppendNull(); else b.Append(Convert.ToInt32(v, CultureInfo.InvariantCulture)); } return b.Build(); }
            case Int16Type: { var b = new Int16Array.Builder(); foreach (object? v in values) { if (v is null) b.AppendNull(); else b.Append(Convert.ToInt16(v, CultureInfo.InvariantCulture)); } return b.Build(); }
            case Int8Type: { var b = new Int8Array.Builder(); foreach (object? v in values) { if (v is null) b.AppendNull(); else b.Append(Convert.ToSByte(v, CultureInfo.InvariantCulture)); } return b.Build(); }
            case UInt8Type: { var b = new UInt8Array.Builder(); foreach (object? v in values) { if (v is null) b.AppendNull(); else b.Append(Convert.ToByte(v, CultureInfo.InvariantCulture)); } return b.Build(); }
            case BooleanType: { var b = new BooleanArray.Builder(); foreach (object? v in values) { if (v is null) b.AppendNull(); else b.Append((bool)v); } return b.Build(); }
            case StringType: { var b = new StringArray.Builder(); foreach (object? v in values) { if (v is null) b.AppendNull(); else b.Append((string)v); } return b.Build(); }
            case TimestampType t: return Timestamps(t, values);
            default: throw new NotSupportedException($"Arrow type {type.Name} is not used by result files");
        }
    }

    /// <summary>A nanosecond timestamp column built from its raw values (the builder takes DateTimeOffsets, which hold 100 ns ticks).</summary>
    private static TimestampArray Timestamps(TimestampType type, object?[] values)
    {
        int n = values.Length;
        var data = new byte[n * sizeof(long)];
        var valid = new byte[(n + 7) / 8];
        int nulls = 0;
        Span<long> longs = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(data.AsSpan());
        for (int i = 0; i < n; i++)
        {
            if (values[i] is null) { nulls++; continue; }
            longs[i] = Convert.ToInt64(values[i], CultureInfo.InvariantCulture);
            valid[i >> 3] |= (byte)(1 << (i & 7));
        }
        return new TimestampArray(type, new ArrowBuffer(data), new ArrowBuffer(valid), n, nulls, 0);
    }
}
