using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;

namespace Backtester.Data;

/// <summary>
/// Reads and writes market data as Parquet (with Parquet.Net; see docs/decisions/0005-parquet-library.md), with the
/// logical schema of our Arrow files except that the symbol is a string column <c>symbol</c> (Parquet
/// dictionary-encodes it) and the timestamp is int64 ns since the Unix epoch, UTC. A file holds trades, quotes, bars or
/// L2 book updates (<c>side</c> int8, <c>price</c>, <c>size</c> double, <c>flags</c> uint8; docs/decisions/0078). The writer
/// stores the symbol table in the key-value metadata <c>backtester.symbols</c> (the Arrow files' JSON array of names by
/// id), and the reader numbers symbols by it, so a file keeps its ids through Parquet (docs/decisions/0092); a file
/// without it (written by pandas, pyarrow, DuckDB) numbers its symbols in order of first appearance.
/// Parquet is decoded into managed columns; convert it to Arrow once (<see cref="MarketDataConverter"/>) to
/// memory-map it later.
/// </summary>
public static class ParquetMarketData
{
    /// <summary>
    /// Reads a Parquet file of trades, quotes, bars or book updates (told apart by the columns present: a <c>flags</c>
    /// column makes it book updates, checked as an Arrow book file is).
    /// </summary>
    /// <exception cref="MarketDataException">The file is empty, truncated, has missing or mistyped columns, nulls or bad values.</exception>
    public static MarketData Read(string path, MarketDataReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new MarketDataReadOptions();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (stream.Length == 0) throw new MarketDataException(path, -1, null, "the file is empty");
        ParquetFooter.Declared footer = ParquetFooter.Check(path, stream);
        ParquetReader reader;
        try { reader = Run(ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true)); }
        catch (Exception e) { throw new MarketDataException(path, -1, null, $"not a readable Parquet file (truncated or corrupt?): {e.Message}"); }
        try
        {
            DataField[] fields;
            try { fields = reader.Schema.GetDataFields(); }
            catch (Exception e) { throw new MarketDataException(path, -1, null, $"the Parquet schema cannot be decoded (corrupt file?): {e.Message}"); }
            bool book = Has(fields, BookSchema.Flags);
            EventLayout? layout = book ? null : Has(fields, "price") ? EventLayout.Trades : Has(fields, "bid_price") ? EventLayout.Quotes
                : Has(fields, "open") ? EventLayout.Bars
                : throw new MarketDataException(path, -1, null, "the schema has no 'flags', 'price', 'bid_price' or 'open' column, so it is not book updates, trades, quotes or bars");
            long total = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                long rows = reader.RowGroups[g].RowCount;
                if (rows < 0 || rows / MarketDataLimits.MaxParquetRowsPerByte > stream.Length)
                    throw new MarketDataException(path, -1, null, $"corrupt Parquet footer: row group {g} declares {rows:N0} rows in a {stream.Length:N0}-byte file");
                total += rows;
            }
            // The footer's own row count must be its row groups' sum (the format requires it): a corrupt count, or a
            // row-group list cut to nothing, would otherwise read as fewer rows, or none, without an error.
            long declared = reader.Metadata?.NumRows ?? total;
            if (declared != total)
                throw new MarketDataException(path, -1, null, $"corrupt Parquet footer: it declares {declared:N0} rows but its {reader.RowGroupCount:N0} row group(s) hold {total:N0}");
            // Two decoders of one footer must agree: Parquet.Net skips a field it does not know differently from the
            // bounded walk above, and a changed field id can make it lose the row groups (and so every row) silently.
            if (declared != footer.Rows || reader.RowGroupCount != footer.RowGroups)
                throw new MarketDataException(path, -1, null,
                    $"corrupt Parquet footer: its bytes declare {footer.Rows:N0} rows in {footer.RowGroups:N0} row group(s), but it decodes as {declared:N0} rows in {reader.RowGroupCount:N0} (a damaged field in the file metadata?)");
            if (total / MarketDataLimits.MaxParquetRowsPerByte > stream.Length)
                throw new MarketDataException(path, -1, null, $"corrupt Parquet footer: its row groups declare {total:N0} rows in a {stream.Length:N0}-byte file (at most {MarketDataLimits.MaxParquetRowsPerByte} rows per byte are accepted)");
            if (total > Array.MaxLength) throw new MarketDataException(path, -1, null, $"too many rows ({total}) for one column");
            int n = (int)total;
            try
            {
                if (layout is null) return ReadBook(path, reader, fields, n, options);
                long[] timestamps = ReadColumn<long>(path, reader, fields, EventLayout.Timestamp, n);
                var values = new ReadOnlyMemory<double>[layout.ValueNames.Length];
                for (int v = 0; v < values.Length; v++) values[v] = ReadColumn<double>(path, reader, fields, layout.ValueNames[v], n);
                ReadOnlyMemory<Side> sides = layout.HasSide ? Array.ConvertAll(ReadColumn<sbyte>(path, reader, fields, EventLayout.Side, n), s => (Side)s) : default;
                int[] symbolIds = ReadSymbols(path, reader, fields, n, out SymbolTable table);
                var columns = new EventColumns(layout, timestamps, symbolIds, values, sides);
                return columns.InTimeOrder(path, table.Count, options.SortIfUnordered).ToMarketData(path, table);
            }
            catch (Exception e) when (e is not MarketDataException)
            {
                throw new MarketDataException(path, -1, null, $"not a readable Parquet file (truncated or corrupt?): {e.Message}");
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Writes the one kind of events <paramref name="data"/> holds (trades, quotes, bars or L2 book updates; empty data is
    /// written as empty trades) as Parquet (temporary file, then rename).
    /// </summary>
    /// <exception cref="ArgumentException">The data holds more than one kind of events, or market-by-order (L3) rows.</exception>
    public static void Write(MarketData data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(path);
        List<EventColumns> kinds = EventColumns.Of(data);
        if (data.Book.Count > 0)
        {
            if (kinds.Count > 0)
                throw new ArgumentException($"The data holds book updates and {kinds.Count} other kind(s) of events; a file holds one. Write the book with Write(symbols, book, path) and the rest to their own files.", nameof(data));
            Write(data.Symbols, data.Book, path);
            return;
        }
        if (kinds.Count > 1) throw new ArgumentException($"The data holds {kinds.Count} kinds of events; a file holds one.", nameof(data));
        EventColumns c = kinds.Count == 1 ? kinds[0] : EventColumns.Of(data.Trades);
        var fields = new List<DataField> { new DataField<long>(EventLayout.Timestamp), new DataField<string>(EventLayout.Symbol, false) };
        foreach (string name in c.Layout.ValueNames) fields.Add(new DataField<double>(name));
        if (c.Layout.HasSide) fields.Add(new DataField<sbyte>(EventLayout.Side));
        SymbolNameRule.CheckForWriting(data.Symbols, path);
        string[] names = SymbolNames(data.Symbols, c.SymbolIds.Span);
        Dictionary<string, string> metadata = SymbolMetadata(data.Symbols);
        Results.AtomicFile.Write(path, stream => Run(WriteAsync(stream, new ParquetSchema(fields.ToArray()), fields, c, names, metadata)));
    }

    /// <summary>
    /// Writes L2 book updates as Parquet (temporary file, then rename): <c>timestamp</c> int64 ns UTC, <c>symbol</c> string,
    /// <c>side</c> int8 (1 bid, -1 ask), <c>price</c> double, <c>size</c> double (0 = level removed), <c>flags</c> uint8
    /// (1 reset, 2 snapshot), the Arrow book file's columns (docs/data.md).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The updates were derived from market-by-order (L3) rows: the file has no column for the order each row changed,
    /// which the venue's FIFO queue model replays, so they are refused rather than written as plain L2.
    /// </exception>
    public static void Write(SymbolTable symbols, BookColumns book, string path)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (book.Queue is not null)
            throw new ArgumentException($"'{book.Source}' holds market-by-order (L3) rows: a Parquet book file holds L2 updates (side, price, size, flags) and has no column for the order ids and actions the FIFO queue model replays; run on the market-by-order data itself (its CSV, or an Arrow file from ArrowMarketDataWriter.Write(symbols, orders, path)).", nameof(book));
        DataField[] fields =
        [
            new DataField<long>(BookSchema.Timestamp), new DataField<string>(EventLayout.Symbol, false), new DataField<sbyte>(BookSchema.Side),
            new DataField<double>(BookSchema.Price), new DataField<double>(BookSchema.Size), new DataField<byte>(BookSchema.Flags),
        ];
        SymbolNameRule.CheckForWriting(symbols, path);
        string[] names = SymbolNames(symbols, book.SymbolIds.Span);
        Dictionary<string, string> metadata = SymbolMetadata(symbols);
        Results.AtomicFile.Write(path, stream => Run(WriteBookAsync(stream, new ParquetSchema(fields), fields, book, names, metadata)));
    }

    private static string[] SymbolNames(SymbolTable symbols, ReadOnlySpan<int> ids)
    {
        var names = new string[ids.Length];
        for (int i = 0; i < names.Length; i++) names[i] = symbols[ids[i]];
        return names;
    }

    /// <summary>
    /// The key-value metadata our Parquet files carry: <c>backtester.symbols</c>, the Arrow files' JSON array of names by
    /// symbol id, so a file read back numbers its symbols as the data written did (a symbol with no rows keeps its id too).
    /// </summary>
    private static Dictionary<string, string> SymbolMetadata(SymbolTable symbols) =>
        new(StringComparer.Ordinal) { [ArrowSchemas.SymbolsKey] = ArrowSchemas.SymbolsJson(symbols) };

    private static async Task WriteBookAsync(Stream stream, ParquetSchema schema, DataField[] fields, BookColumns book, string[] symbols, Dictionary<string, string> metadata)
    {
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream);
        writer.CustomMetadata = metadata;
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        var sides = new sbyte[book.Count];
        var flags = new byte[book.Count];
        ReadOnlySpan<BookSide> s = book.Sides.Span;
        ReadOnlySpan<BookUpdateFlags> f = book.Flags.Span;
        for (int i = 0; i < sides.Length; i++) (sides[i], flags[i]) = ((sbyte)s[i], (byte)f[i]);
        await group.WriteAsync(fields[0], book.Timestamps);
        await group.WriteAsync(fields[1], symbols);
        await group.WriteAsync(fields[2], (ReadOnlyMemory<sbyte>)sides);
        await group.WriteAsync(fields[3], book.Prices);
        await group.WriteAsync(fields[4], book.Sizes);
        await group.WriteAsync(fields[5], (ReadOnlyMemory<byte>)flags);
    }

    private static async Task WriteAsync(Stream stream, ParquetSchema schema, List<DataField> fields, EventColumns c, string[] symbols, Dictionary<string, string> metadata)
    {
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream);
        writer.CustomMetadata = metadata;
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        int f = 0;
        await group.WriteAsync(fields[f++], c.Timestamps);
        await group.WriteAsync(fields[f++], symbols);
        foreach (ReadOnlyMemory<double> values in c.Values) await group.WriteAsync(fields[f++], values);
        if (c.Layout.HasSide)
        {
            var sides = new sbyte[c.Count];
            ReadOnlySpan<Side> s = c.Sides.Span;
            for (int i = 0; i < sides.Length; i++) sides[i] = (sbyte)s[i];
            await group.WriteAsync(fields[f], (ReadOnlyMemory<sbyte>)sides);
        }
    }

    private static bool Has(DataField[] fields, string name) => Array.Exists(fields, f => f.Name == name);

    private static DataField Field(string path, ParquetReader reader, DataField[] fields, string name, Type expected)
    {
        DataField? field = Array.Find(fields, f => f.Name == name);
        if (field is null) throw new MarketDataException(path, -1, name, $"missing column (expected Parquet type {ParquetTypeNames.Expected(expected)})");
        bool text = expected == typeof(string) && field.ClrType == typeof(ReadOnlyMemory<char>); // Parquet.Net's view of UTF-8 strings
        if (field.ClrType != expected && !text)
        {
            string got = ParquetTypeNames.Declared(reader, name) ?? field.ClrType.Name;
            // pandas and pyarrow write datetimes as TIMESTAMP; we keep exact ns in a plain INT64 (docs/data.md, "Parquet").
            string hint = expected == typeof(long) && got.Contains("TIMESTAMP", StringComparison.Ordinal)
                ? " (store the timestamps as plain int64 ns since the epoch, UTC: docs/data.md, \"Parquet\")"
                : "";
            throw new MarketDataException(path, -1, name, $"expected Parquet type {ParquetTypeNames.Expected(expected)}, got {got}{hint}");
        }
        return field;
    }

    private static T[] ReadColumn<T>(string path, ParquetReader reader, DataField[] fields, string name, int total) where T : struct
    {
        DataField field = Field(path, reader, fields, name, typeof(T));
        var result = new T[total];
        int at = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            ParquetRowGroupReader group = reader.RowGroups[g];
            int n = (int)group.RowCount;
            if (field.IsNullable)
            {
                var nullable = new T?[n];
                Run(group.ReadAsync(field, nullable.AsMemory(), null).AsTask());
                for (int i = 0; i < n; i++)
                    result[at + i] = nullable[i] ?? throw new MarketDataException(path, at + i, name, "expected a value, got null");
            }
            else Run(group.ReadAsync(field, result.AsMemory(at, n), null).AsTask());
            at += n;
        }
        return result;
    }

    /// <summary>Book updates: the columns of <see cref="BookSchema"/> with a string <c>symbol</c>, checked as an Arrow book file's are.</summary>
    private static MarketData ReadBook(string path, ParquetReader reader, DataField[] fields, int n, MarketDataReadOptions options)
    {
        long[] timestamps = ReadColumn<long>(path, reader, fields, BookSchema.Timestamp, n);
        int[] symbolIds = ReadSymbols(path, reader, fields, n, out SymbolTable table);
        BookSide[] sides = Array.ConvertAll(ReadColumn<sbyte>(path, reader, fields, BookSchema.Side, n), s => (BookSide)s);
        double[] prices = ReadColumn<double>(path, reader, fields, BookSchema.Price, n);
        double[] sizes = ReadColumn<double>(path, reader, fields, BookSchema.Size, n);
        BookUpdateFlags[] flags = Array.ConvertAll(ReadColumn<byte>(path, reader, fields, BookSchema.Flags, n), f => (BookUpdateFlags)f);
        BookColumns book = BookColumns.FromFile(path, table.Count, timestamps, symbolIds, sides, prices, sizes, flags, options, out _);
        return BookMarketData.Of(path, table, book);
    }

    /// <summary>
    /// The symbol column as ids. A file we wrote carries its symbol table (<c>backtester.symbols</c> key-value metadata)
    /// and keeps its ids; a file without it (pandas, pyarrow, DuckDB) numbers symbols in order of first appearance.
    /// </summary>
    private static int[] ReadSymbols(string path, ParquetReader reader, DataField[] fields, int total, out SymbolTable table)
    {
        SymbolTable? declared = reader.CustomMetadata is { } metadata && metadata.TryGetValue(ArrowSchemas.SymbolsKey, out string? json)
            ? ArrowSchemas.SymbolsFromJson(path, json, "Parquet key-value metadata", EventLayout.Symbol)
            : null;
        var symbols = new SymbolInterner();
        if (declared is not null)
            for (int i = 0; i < declared.Count; i++) symbols.IdOf(declared[i]);
        DataField field = Field(path, reader, fields, EventLayout.Symbol, typeof(string));
        var ids = new int[total];
        int at = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            ParquetRowGroupReader group = reader.RowGroups[g];
            var names = new string?[(int)group.RowCount];
            Run(group.ReadAsync(field, names.AsMemory(), null).AsTask());
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] is null) throw new MarketDataException(path, at + i, EventLayout.Symbol, "expected a symbol, got an empty value");
                int known = symbols.Count;
                ids[at + i] = symbols.IdOf(names[i]!);
                if (symbols.Count == known) continue;
                // The table is the file's numbering: a name it lacks has no id (a damaged table, or rows added by another tool).
                if (declared is not null)
                    throw new MarketDataException(path, at + i, EventLayout.Symbol,
                        $"{CsvMarketData.Shown(names[i])} is not among the {declared.Count:N0} symbol(s) of the file's Parquet key-value metadata '{ArrowSchemas.SymbolsKey}'");
                // Each name is checked once, at the row it first appears in.
                if (SymbolNameRule.ProblemOf(names[i]) is { } problem)
                    throw new MarketDataException(path, at + i, EventLayout.Symbol, problem);
            }
            at += names.Length;
        }
        if (symbols.Count > MarketDataLimits.MaxSymbols)
            throw new MarketDataException(path, -1, EventLayout.Symbol, $"the file names {symbols.Count:N0} symbols; the limit is {MarketDataLimits.MaxSymbols:N0} (MarketDataLimits.MaxSymbols)");
        table = declared ?? symbols.ToTable();
        return ids;
    }

    // Parquet.Net is async-only; our readers are synchronous calls made once per file, off the hot path.
    private static T Run<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Run(Task task) => task.GetAwaiter().GetResult();
}
