using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;

namespace Backtester.Data;

/// <summary>
/// Checks the flatbuffer metadata of an Arrow IPC file before Apache.Arrow reads it: every message of the embedded
/// stream fits in the stream with its body, and the vectors Apache.Arrow sizes arrays by (a schema's fields and key-value
/// pairs, a record batch's field nodes and buffers, the footer's blocks) declare no more elements than the bytes after
/// them can hold. FlatBuffers in C# has no verifier, and Apache.Arrow allocates by what a vector's length says: one
/// spliced byte sequence in a 14 KB file had it allocate a 7.1 GB <c>IArrowArray[]</c> before refusing the file, which
/// took over 20 s on a loaded machine. Only bounds are checked here; the meaning of the metadata is Apache.Arrow's.
/// </summary>
internal static class ArrowMetadataBounds
{
    private const byte SchemaHeader = 1, DictionaryBatchHeader = 2, RecordBatchHeader = 3;

    /// <summary>
    /// Checks the Arrow IPC file <paramref name="file"/> (positioned anywhere; left anywhere), reading only its headers:
    /// each message's metadata is read and checked, its body skipped, then the footer. The data readers and the result
    /// readers both call it.
    /// </summary>
    /// <exception cref="MarketDataException">A message, a vector or the footer does not fit.</exception>
    public static void CheckFile(string path, Stream file)
    {
        const int Tail = 4 + 6; // footer length, magic
        long length = file.Length;
        Span<byte> word = stackalloc byte[4];
        file.Position = length - Tail;
        file.ReadExactly(word);
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(word);
        long footerStart = length - Tail - footerLength;
        if (footerLength <= 0 || footerStart < 8) throw Corrupt(path, -1, length - Tail, $"the footer declares {footerLength:N0} bytes, which do not fit in the {length:N0}-byte file");
        long pos = 8;
        for (int message = 0; pos + 4 <= footerStart; message++)
        {
            file.Position = pos;
            file.ReadExactly(word);
            int prefix = BinaryPrimitives.ReadInt32LittleEndian(word), header = 4, size = prefix;
            if (prefix == -1)
            {
                if (pos + 8 > footerStart) throw Corrupt(path, message, pos, "the stream ends inside a message's length");
                file.ReadExactly(word);
                size = BinaryPrimitives.ReadInt32LittleEndian(word);
                header = 8;
            }
            if (size == 0) break;
            if (size < 0 || pos + header + size > footerStart)
                throw Corrupt(path, message, pos, $"its metadata declares {size:N0} bytes, beyond the stream's {footerStart - 8:N0}");
            byte[] metadata = new byte[size];
            file.ReadExactly(metadata);
            long body = new Metadata(path, message, pos + header, metadata).CheckMessage();
            if (body < 0 || pos + header + size + body > footerStart)
                throw Corrupt(path, message, pos, $"its body declares {body:N0} bytes, beyond the stream's {footerStart - 8:N0}");
            pos += header + size + body;
        }
        byte[] footer = new byte[footerLength];
        file.Position = footerStart;
        file.ReadExactly(footer);
        CheckFooter(path, footer, footerStart);
    }

    /// <summary>Checks the file's footer (the flatbuffer before its length and closing magic).</summary>
    /// <exception cref="MarketDataException">A vector of the footer does not fit in it.</exception>
    private static void CheckFooter(string path, ReadOnlySpan<byte> footer, long footerStart)
    {
        var metadata = new Metadata(path, -1, footerStart, footer);
        int table = metadata.Root();
        if (metadata.Table(table, 1) is int schema) metadata.CheckSchema(schema);
        metadata.Vector(table, 2, 24, "the footer's dictionary blocks");
        metadata.Vector(table, 3, 24, "the footer's record batch blocks");
        metadata.Vector(table, 4, 4, "the footer's key-value pairs");
    }

    private static MarketDataException Corrupt(string path, int message, long at, string problem) =>
        new(path, -1, null, string.Create(CultureInfo.InvariantCulture,
            $"corrupt Arrow IPC file: {(message < 0 ? "the footer" : $"message {message}")} at byte {at:N0}: {problem}"));

    /// <summary>One flatbuffer, read with every offset checked against its bytes.</summary>
    private readonly ref struct Metadata(string path, int message, long at, ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        /// <summary>The Message table's header (a schema, a record batch or a dictionary batch) checked; returns the body length.</summary>
        public long CheckMessage()
        {
            int table = Root();
            byte type = Field(table, 1) is int typeAt ? Byte(typeAt) : (byte)0;
            long body = Field(table, 3) is int bodyAt ? Long(bodyAt) : 0;
            if (Table(table, 2) is int headerTable)
            {
                if (type == SchemaHeader) CheckSchema(headerTable);
                else if (type == RecordBatchHeader) CheckRecordBatch(headerTable);
                else if (type == DictionaryBatchHeader && Table(headerTable, 1) is int data) CheckRecordBatch(data);
            }
            return body;
        }

        public void CheckSchema(int table)
        {
            Vector(table, 1, 4, "the schema's fields");
            Vector(table, 2, 4, "the schema's key-value pairs");
        }

        private void CheckRecordBatch(int table)
        {
            Vector(table, 1, 16, "the record batch's field nodes");
            Vector(table, 2, 16, "the record batch's buffers");
        }

        public int Root() => Offset(0, 0);

        /// <summary>The position of field <paramref name="index"/> of the table at <paramref name="table"/>, or null when absent.</summary>
        private int? Field(int table, int index)
        {
            int vtable = checked(table - Int(table));
            if (vtable < 0 || vtable + 4 > _bytes.Length) throw Fail($"a table at byte {table:N0} has its field table outside the metadata");
            int size = UShort(vtable);
            if (size < 4 || vtable + size > _bytes.Length) throw Fail($"a field table at byte {vtable:N0} declares {size:N0} bytes");
            if (4 + 2 * index + 2 > size) return null;
            int offset = UShort(vtable + 4 + 2 * index);
            if (offset == 0) return null;
            int at = table + offset;
            if (at >= _bytes.Length) throw Fail($"a field at byte {at:N0} is outside the metadata");
            return at;
        }

        /// <summary>The table field <paramref name="index"/> points to, or null.</summary>
        public int? Table(int table, int index) => Field(table, index) is int at ? Offset(at, 0) : null;

        /// <summary>Checks that vector field <paramref name="index"/> holds no more elements of <paramref name="size"/> bytes than fit after it.</summary>
        public void Vector(int table, int index, int size, string what)
        {
            if (Field(table, index) is not int at) return;
            int vector = Offset(at, 4);
            uint count = (uint)Int(vector);
            long room = (_bytes.Length - vector - 4L) / size;
            if (count > room)
                throw Fail($"{what} declare {count:N0} elements, and {_bytes.Length - vector - 4:N0} bytes are left for them (at most {room:N0})");
        }

        /// <summary>The position a 32-bit offset at <paramref name="at"/> points to, with <paramref name="room"/> bytes there.</summary>
        private int Offset(int at, int room)
        {
            long target = at + (long)(uint)Int(at);
            if (target + Math.Max(room, 4) > _bytes.Length) throw Fail($"an offset at byte {at:N0} points to byte {target:N0}, outside the {_bytes.Length:N0} bytes of metadata");
            return (int)target;
        }

        private int Int(int at) => at >= 0 && at + 4 <= _bytes.Length ? BinaryPrimitives.ReadInt32LittleEndian(_bytes[at..]) : throw Fail($"the metadata ends inside a value at byte {at:N0}");

        private int UShort(int at) => at >= 0 && at + 2 <= _bytes.Length ? BinaryPrimitives.ReadUInt16LittleEndian(_bytes[at..]) : throw Fail($"the metadata ends inside a value at byte {at:N0}");

        private byte Byte(int at) => at >= 0 && at < _bytes.Length ? _bytes[at] : throw Fail($"the metadata ends at byte {at:N0}");

        private long Long(int at) => at >= 0 && at + 8 <= _bytes.Length ? BinaryPrimitives.ReadInt64LittleEndian(_bytes[at..]) : throw Fail($"the metadata ends inside a value at byte {at:N0}");

        private MarketDataException Fail(string problem) => Corrupt(path, message, at, problem);
    }
}
