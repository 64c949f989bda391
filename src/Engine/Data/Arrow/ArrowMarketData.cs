using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Backtester.Data;

/// <summary>
/// Opens our Arrow IPC files (file format, a.k.a. Feather v2; schema in docs/data.md) by memory-mapping them.
/// A file with one record batch is used in place: every column is a view of the mapped file, nothing is copied
/// and the OS pages data in as it is read. A file with several batches is concatenated into one managed copy,
/// and several files are merged by time into new columns.
/// </summary>
public static class ArrowMarketData
{
    private static ReadOnlySpan<byte> Magic => "ARROW1"u8;

    private static Apache.Arrow.Compression.CompressionCodecFactory Codecs => Results.ArrowIpcOptions.Codecs;

    /// <summary>Opens one Arrow file (memory-mapped, zero-copy when it holds a single record batch).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Reading options; only <see cref="MarketDataReadOptions.SortIfUnordered"/> applies.</param>
    /// <returns>The data; <see cref="MarketData.Dispose"/> unmaps the file.</returns>
    /// <exception cref="MarketDataException">The file is empty, truncated, not Arrow, has the wrong schema or bad values.</exception>
    public static MarketData Open(string path, MarketDataReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new MarketDataReadOptions();
        MappedFile file = MappedFile.Open(path);
        try
        {
            List<RecordBatch> batches = ReadBatches(path, file, out Schema schema);
            if (BookSchema.Declares(schema)) return BookArrowReader.Read(path, file, schema, batches, options);
            if (MarketByOrderSchema.Declares(schema)) return MarketByOrderArrowReader.Read(path, file, schema, batches, options);
            EventColumns columns = Read(path, file, schema, batches, out SymbolTable symbols, out bool mapped);
            EventColumns ordered = columns.InTimeOrder(path, symbols.Count, options.SortIfUnordered);
            bool keepMapping = mapped && ReferenceEquals(ordered, columns);
            MarketData data = ordered.ToMarketData(path, symbols, keepMapping ? file : null);
            if (!keepMapping) file.Dispose();
            return data;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Opens several Arrow files (e.g. one per day or per symbol) and merges them in time order into new columns.</summary>
    /// <exception cref="MarketDataException">A file is invalid.</exception>
    public static MarketData Open(IReadOnlyList<string> paths, MarketDataReadOptions? options = null)
    {
        return MarketDataMerger.OpenAll(paths, path => Open(path, options));
    }

    /// <summary>The file's record batches, read in place from the mapping.</summary>
    internal static List<RecordBatch> ReadBatches(string path, MappedFile file, out Schema schema)
    {
        long streamLength = StreamLength(path, file);
        if (streamLength > int.MaxValue)
            throw new MarketDataException(path, -1, null, "files over 2 GiB cannot be mapped as one; split the data into several files (e.g. one per day)");
        // Before Apache.Arrow sizes anything by what the flatbuffers say (decision 0094); only the headers are read.
        using (var headers = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
            ArrowMetadataBounds.CheckFile(path, headers);
        var batches = new List<RecordBatch>();
        try
        {
            // The file format is "ARROW1", padding, the stream format, then the footer: read the stream in place.
            // LZ4- and ZSTD-compressed files (pyarrow's default for Feather) are decompressed: Apache.Arrow's reader of
            // memory allocates each buffer at the size it declares, so such a file is read again from a stream, whose
            // reader allocates through BoundedDecompression, which refuses a size no market data compresses from.
            try
            {
                var reader = new ArrowStreamReader(file.Memory<byte>(8, (int)streamLength), BoundedDecompression.NoCodecs.Instance);
                schema = reader.Schema;
                while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch);
            }
            catch (BoundedDecompression.CompressedFile)
            {
                batches.Clear();
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16) { Position = 8 };
                var context = new Apache.Arrow.ArrowContext(new BoundedDecompression(path, file.Length), Codecs, null);
                using var reader = new ArrowStreamReader(context, stream, leaveOpen: true);
                schema = reader.Schema;
                while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch);
            }
            // A corrupt message length can end the stream early, silently dropping every later batch: the footer
            // lists the batches the writer wrote.
            int listed = FooterBatchCount(path);
            if (listed != batches.Count)
                throw new MarketDataException(path, -1, null, $"corrupt Arrow IPC file: its footer lists {listed} record batches, its stream holds {batches.Count}");
        }
        catch (Exception e) when (e is not MarketDataException)
        {
            throw new MarketDataException(path, -1, null, $"not a readable Arrow IPC file (truncated or corrupt?): {e.Message}");
        }
        return batches;
    }

    private static EventColumns Read(string path, MappedFile file, Schema schema, List<RecordBatch> batches, out SymbolTable symbols, out bool mapped)
    {
        EventLayout layout = ArrowSchemas.LayoutOf(path, schema);
        int[] fields = ArrowSchemas.CheckFields(path, schema, layout);
        symbols = ArrowSchemas.SymbolsOf(path, schema);
        mapped = batches.Count == 1;
        int c = 0;
        ReadOnlyMemory<long> timestamps = Column<long>(path, file, batches, schema, fields[c++]);
        ReadOnlyMemory<int> symbolIds = Column<int>(path, file, batches, schema, fields[c++]);
        var values = new ReadOnlyMemory<double>[layout.ValueNames.Length];
        for (int v = 0; v < values.Length; v++) values[v] = Column<double>(path, file, batches, schema, fields[c++]);
        ReadOnlyMemory<Side> sides = layout.HasSide ? Column<Side>(path, file, batches, schema, fields[c]) : default;
        return new EventColumns(layout, timestamps, symbolIds, values, sides);
    }

    private static int FooterBatchCount(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        using var reader = new ArrowFileReader(stream, Codecs);
        return reader.RecordBatchCountAsync().AsTask().GetAwaiter().GetResult(); // a synchronous read of the footer from a FileStream
    }

    /// <summary>Checks the magic numbers and footer length; returns the length of the embedded stream.</summary>
    private static long StreamLength(string path, MappedFile file)
    {
        const int Tail = 4 + 6; // footer length, magic
        if (file.Length < 8 + Tail || !file.Span(0, 6).SequenceEqual(Magic))
            throw new MarketDataException(path, -1, null, "not an Arrow IPC file: it does not start with 'ARROW1'");
        if (!file.Span(file.Length - 6, 6).SequenceEqual(Magic))
            throw new MarketDataException(path, -1, null, "truncated Arrow IPC file: it does not end with the 'ARROW1' footer magic (was it cut short while being written?)");
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.Span(file.Length - Tail, 4));
        long footerStart = file.Length - Tail - footerLength;
        if (footerLength <= 0 || footerStart < 8)
            throw new MarketDataException(path, -1, null, $"corrupt Arrow IPC file: footer length {footerLength} does not fit in the {file.Length}-byte file");
        return footerStart - 8;
    }

    internal static unsafe ReadOnlyMemory<T> Column<T>(string path, MappedFile file, List<RecordBatch> batches, Schema schema, int field) where T : unmanaged
    {
        string name = schema.GetFieldByIndex(field).Name;
        long total = 0;
        foreach (RecordBatch batch in batches)
        {
            if (field >= batch.ColumnCount)
                throw new MarketDataException(path, -1, name, $"a record batch has {batch.ColumnCount} columns, fewer than the schema's {schema.FieldsList.Count} (corrupt file?)");
            IArrowArray array = batch.Column(field);
            if (array.NullCount > 0)
                throw new MarketDataException(path, -1, name, $"expected no nulls, got {array.NullCount}");
            ArrayData data = array.Data;
            long needed = ((long)data.Offset + data.Length) * sizeof(T);
            if (data.Length < 0 || data.Offset < 0 || data.Buffers.Length < 2 || data.Buffers[1].Length < needed)
                throw new MarketDataException(path, -1, name,
                    $"the record batch declares {data.Length:N0} values ({needed:N0} bytes) but its data buffer holds {(data.Buffers.Length < 2 ? 0 : data.Buffers[1].Length):N0} bytes (truncated or corrupt file?)");
            total += array.Length;
        }
        if (batches.Count == 0) return ReadOnlyMemory<T>.Empty;
        if (total > System.Array.MaxLength) throw new MarketDataException(path, -1, name, $"too many rows ({total}) for one column");

        if (batches.Count == 1)
        {
            ArrayData data = batches[0].Column(field).Data;
            if (MemoryMarshal.TryGetMemoryManager(data.Buffers[1].Memory, out MappedMemory<byte>? manager, out int start, out _))
            {
                long offset = 8 + start + (long)data.Offset * sizeof(T);
                return file.Memory<T>(offset, data.Length);
            }
        }

        // Several batches (or a buffer the reader had to materialize): one managed copy.
        var result = GC.AllocateUninitializedArray<T>((int)total);
        int at = 0;
        foreach (RecordBatch batch in batches)
        {
            ArrayData data = batch.Column(field).Data;
            MemoryMarshal.Cast<byte, T>(data.Buffers[1].Span).Slice(data.Offset, data.Length).CopyTo(result.AsSpan(at));
            at += data.Length;
        }
        return result;
    }
}
