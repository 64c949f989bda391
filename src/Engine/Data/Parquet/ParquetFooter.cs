using System;
using System.Buffers.Binary;
using System.IO;

namespace Backtester.Data;

/// <summary>
/// Checks a Parquet file's frame and footer before Parquet.Net decodes it. The footer is a Thrift (compact protocol)
/// <c>FileMetaData</c> struct; Parquet.Net's decoder trusts it, and one changed byte (say the struct's final stop byte)
/// can make it loop forever or allocate what a declared count says. This pass walks the footer's Thrift structure
/// generically, bounded by the footer's own bytes: every field type must be known, every length and element count must
/// fit in the bytes left, nesting stays shallow, and the top-level struct must end exactly at the footer's end. It also
/// reads the declared row count (field 3, <c>num_rows</c>) to check it against the file size before anything is allocated,
/// and the number of row groups (field 4), both required by the format. The reader compares both with what Parquet.Net
/// decoded: the two decoders skip an unknown field differently, and one changed field id once made Parquet.Net read a
/// 400-row file as no row groups and no rows, without an error.
/// </summary>
internal static class ParquetFooter
{
    private const int MaxDepth = 32;
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>The footer's required counts as its bytes declare them.</summary>
    /// <param name="Rows">The file's row count (<c>num_rows</c>, field 3).</param>
    /// <param name="RowGroups">The number of entries in its row-group list (<c>row_groups</c>, field 4).</param>
    public readonly record struct Declared(long Rows, long RowGroups);

    /// <summary>Throws <see cref="MarketDataException"/> unless the file is framed as Parquet with a well-formed footer; returns what the footer declares.</summary>
    public static Declared Check(string path, Stream stream)
    {
        long length = stream.Length;
        if (length < 12)
            throw new MarketDataException(path, -1, null, $"not a Parquet file: {length} bytes is too short for the 'PAR1' header, footer and trailer");
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        stream.Position = 0;
        stream.ReadExactly(head);
        stream.Position = length - 8;
        stream.ReadExactly(tail);
        stream.Position = 0;
        if (!head.SequenceEqual(Magic))
            throw new MarketDataException(path, -1, null, "not a Parquet file: it does not start with 'PAR1'");
        if (!tail[4..].SequenceEqual(Magic))
            throw new MarketDataException(path, -1, null, "truncated Parquet file: it does not end with 'PAR1' (was it cut short while being written?)");
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12)
            throw new MarketDataException(path, -1, null, $"corrupt Parquet file: its footer length {footerLength:N0} does not fit in the {length:N0}-byte file");

        byte[] footer = new byte[footerLength];
        stream.Position = length - 8 - footerLength;
        stream.ReadExactly(footer);
        stream.Position = 0;
        var reader = new Reader(footer);
        Declared declared;
        try
        {
            declared = reader.FileMetaData();
        }
        catch (FormatException e)
        {
            throw new MarketDataException(path, -1, null, $"corrupt Parquet footer (file metadata): {e.Message} at byte {reader.Position:N0} of {footerLength:N0}");
        }
        if (reader.Position != footer.Length)
            throw new MarketDataException(path, -1, null, $"corrupt Parquet footer (file metadata): it ends at byte {reader.Position:N0}, before its declared length {footerLength:N0}");
        long rows = declared.Rows;
        if (rows < 0 || rows / MarketDataLimits.MaxParquetRowsPerByte > length)
            throw new MarketDataException(path, -1, null,
                $"corrupt Parquet footer: it declares {rows:N0} rows in a {length:N0}-byte file (at most {MarketDataLimits.MaxParquetRowsPerByte} rows per byte are accepted)");
        return declared;
    }

    /// <summary>A bounded walk of Thrift compact-protocol values (see the Thrift spec, "compact protocol").</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; private set; }

        private readonly int Left => _bytes.Length - Position;

        /// <summary>
        /// The FileMetaData struct; returns its num_rows (field 3, i64) and the length of its row_groups list (field 4).
        /// Throws when either is absent or has another type, or when version (1) or schema (2) is absent: all four are
        /// required by the format.
        /// </summary>
        public Declared FileMetaData()
        {
            long rows = -1, groups = -1;
            bool version = false, schema = false;
            short id = 0;
            while (true)
            {
                int start = Position;
                byte header = Byte();
                if (header == 0) break;
                id = FieldId(header, id);
                int type = header & 0x0F;
                switch (id)
                {
                    case 1: version = Expect(type, 5, "version", start); VarInt(); break;
                    case 2: schema = Expect(type, 9, "schema", start); List(1); break;
                    case 3: Expect(type, 6, "num_rows", start); rows = ZigZag(VarIntRaw()); break;
                    case 4: Expect(type, 9, "row_groups", start); groups = List(1); break;
                    default: Skip(type, 1); break;
                }
            }
            string? missing = !version ? "version (field 1)" : !schema ? "schema (field 2)" : rows < 0 && groups < 0 ? "num_rows (field 3) and row_groups (field 4)"
                : rows < 0 ? "num_rows (field 3)" : groups < 0 ? "row_groups (field 4)" : null;
            if (missing is not null) throw new FormatException($"the required {missing} is missing");
            return new Declared(rows, groups);
        }

        private static bool Expect(int type, int expected, string field, int at)
        {
            if (type != expected) throw new FormatException($"{field} has Thrift type {type}, the format says {expected} (field header at byte {at:N0})");
            return true;
        }

        private void Struct(int depth)
        {
            if (depth > MaxDepth) throw new FormatException($"structs nested deeper than {MaxDepth}");
            short id = 0;
            while (true)
            {
                byte header = Byte();
                if (header == 0) return;
                id = FieldId(header, id);
                Skip(header & 0x0F, depth);
            }
        }

        private short FieldId(byte header, short previous)
        {
            int delta = header >> 4;
            if (delta != 0) return (short)(previous + delta);
            long id = ZigZag(VarIntRaw());
            if (id < short.MinValue || id > short.MaxValue) throw new FormatException($"field id {id} out of range");
            return (short)id;
        }

        private void Skip(int type, int depth)
        {
            switch (type)
            {
                case 1: case 2: return;             // bool true/false, held in the field header
                case 3: Take(1); return;            // byte
                case 4: case 5: case 6: VarInt(); return; // i16, i32, i64
                case 7: Take(8); return;            // double
                case 8: Take(Length()); return;     // binary / string
                case 9: case 10: List(depth); return;
                case 11: Map(depth); return;
                case 12: Struct(depth + 1); return;
                default: throw new FormatException($"unknown Thrift type {type}");
            }
        }

        /// <summary>Walks a list or set; returns its element count.</summary>
        private long List(int depth)
        {
            byte header = Byte();
            int elementType = header & 0x0F;
            long count = header >> 4;
            if (count == 15) count = VarInt();
            if (count > Left) throw new FormatException($"a list declares {count:N0} elements in {Left:N0} remaining bytes");
            for (long i = 0; i < count; i++)
            {
                if (elementType is 1 or 2) Take(1); // booleans in lists take a byte each
                else Skip(elementType, depth);
            }
            return count;
        }

        private void Map(int depth)
        {
            long count = VarInt();
            if (count == 0) return;
            if (count > Left) throw new FormatException($"a map declares {count:N0} entries in {Left:N0} remaining bytes");
            byte types = Byte();
            int keyType = types >> 4, valueType = types & 0x0F;
            for (long i = 0; i < count; i++)
            {
                if (keyType is 1 or 2) Take(1); else Skip(keyType, depth);
                if (valueType is 1 or 2) Take(1); else Skip(valueType, depth);
            }
        }

        private int Length()
        {
            long length = VarInt();
            if (length > Left) throw new FormatException($"a string declares {length:N0} bytes in {Left:N0} remaining bytes");
            return (int)length;
        }

        private byte Byte()
        {
            if (Left < 1) throw new FormatException("the metadata ends inside a value");
            return _bytes[Position++];
        }

        private void Take(int count)
        {
            if (count > Left) throw new FormatException("the metadata ends inside a value");
            Position += count;
        }

        private ulong VarIntRaw()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                byte b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
            throw new FormatException("a variable-length integer is longer than 10 bytes");
        }

        private long VarInt()
        {
            ulong raw = VarIntRaw();
            return raw > long.MaxValue ? long.MaxValue : (long)raw;
        }

        private static long ZigZag(ulong raw) => (long)(raw >> 1) ^ -(long)(raw & 1);
    }
}
