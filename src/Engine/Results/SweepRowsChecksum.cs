using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Hashing;
using System.Text;
using Apache.Arrow;

namespace Backtester.Results;

/// <summary>
/// The XxHash64 of a sweep table's rows, kept in its metadata (<see cref="ResultMetadata.Keys.RowsChecksum"/>) so that a
/// changed value is told from a result: Arrow and Parquet carry no checksum of their values, and a flipped byte in a
/// shard's Sharpe ratio merged into a table that no sweep produced. Row by row, column by column in schema order, each
/// cell as a tag byte (0 null, 1 value) and its value: integers and timestamps as 8-byte little-endian integers,
/// floating point as the 8 bytes of the double, booleans as one byte, text as its UTF-8 length and bytes. So the value
/// does not depend on how the rows are cut into record batches, nor on whether they were read from Arrow or from the
/// Parquet file converted from it (the columns keep their types, tested).
/// </summary>
internal sealed class SweepRowsChecksum
{
    private readonly XxHash64 _hash = new();
    private readonly byte[] _cell = new byte[9];

    /// <summary>The checksum as the metadata holds it: 16 lowercase hex digits.</summary>
    public string Text => Format(_hash.GetCurrentHashAsUInt64());

    /// <summary>16 lowercase hex digits.</summary>
    public static string Format(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary><paramref name="schema"/> with <paramref name="checksum"/> as its <see cref="ResultMetadata.Keys.RowsChecksum"/>, after its other metadata.</summary>
    public static Schema Stamped(Schema schema, string checksum)
    {
        var builder = new Schema.Builder();
        foreach (Field field in schema.FieldsList) builder.Field(field);
        if (schema.HasMetadata)
            foreach (var (key, value) in schema.Metadata)
                if (key != ResultMetadata.Keys.RowsChecksum) builder.Metadata(key, value);
        builder.Metadata(ResultMetadata.Keys.RowsChecksum, checksum);
        return builder.Build();
    }

    /// <summary>
    /// Refuses a sweep or search table whose rows, as added, do not match the checksum its metadata holds. A table
    /// without one was written by an engine before the checksum, or lost the key to a damaged byte: refused too.
    /// </summary>
    /// <param name="path">The table's file, which the message names first.</param>
    /// <param name="metadata">The table's metadata.</param>
    /// <param name="remedy">What the user does about it, the message's last sentence (a resumed halving rung is run again, not written again).</param>
    /// <exception cref="InvalidDataException">The checksum is missing or differs; the message names <paramref name="path"/>.</exception>
    public void Check(string path, IReadOnlyDictionary<string, string> metadata, string remedy = "Write it again.")
    {
        string? declared = metadata.GetValueOrDefault(ResultMetadata.Keys.RowsChecksum);
        if (declared is null)
            throw new InvalidDataException($"{path}: its metadata holds no {ResultMetadata.Keys.RowsChecksum} (written before this engine version checked a sweep table's rows, or damaged). {remedy}");
        if (Text != declared)
            throw new InvalidDataException($"{path}: its rows' checksum is {Text}, its metadata says {declared} ({ResultMetadata.Keys.RowsChecksum}): a value changed after the table was written. {remedy}");
    }

    /// <summary>Adds the rows of <paramref name="batch"/>, after those added before.</summary>
    /// <exception cref="InvalidDataException">A column has a type sweep tables do not use.</exception>
    public void Append(RecordBatch batch)
    {
        for (int row = 0; row < batch.Length; row++)
            for (int c = 0; c < batch.ColumnCount; c++)
                AppendCell(batch.Column(c), row);
    }

    private void AppendCell(IArrowArray array, int row)
    {
        if (array.IsNull(row))
        {
            _cell[0] = 0;
            _hash.Append(_cell.AsSpan(0, 1));
            return;
        }
        _cell[0] = 1;
        switch (array)
        {
            case StringArray text:
            {
                ReadOnlySpan<byte> bytes = text.GetBytes(row);
                BinaryPrimitives.WriteInt32LittleEndian(_cell.AsSpan(1), bytes.Length);
                _hash.Append(_cell.AsSpan(0, 5));
                _hash.Append(bytes);
                return;
            }
            case BooleanArray flags:
                _cell[1] = flags.GetValue(row)!.Value ? (byte)1 : (byte)0;
                _hash.Append(_cell.AsSpan(0, 2));
                return;
            case DoubleArray d: WriteDouble(d.Values[row]); break;
            case FloatArray f: WriteDouble(f.Values[row]); break;
            case Int64Array l: WriteLong(l.Values[row]); break;
            case TimestampArray t: WriteLong(t.Values[row]); break;
            case Int32Array i: WriteLong(i.Values[row]); break;
            case Int16Array s: WriteLong(s.Values[row]); break;
            case Int8Array b: WriteLong(b.Values[row]); break;
            case UInt8Array u: WriteLong(u.Values[row]); break;
            default:
                throw new InvalidDataException($"column of type {array.Data.DataType.Name}: not a type of sweep tables");
        }
        _hash.Append(_cell.AsSpan(0, 9));
    }

    private void WriteDouble(double value) => BinaryPrimitives.WriteInt64LittleEndian(_cell.AsSpan(1), BitConverter.DoubleToInt64Bits(value));

    private void WriteLong(long value) => BinaryPrimitives.WriteInt64LittleEndian(_cell.AsSpan(1), value);
}
