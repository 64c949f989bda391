using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Xunit;

namespace Backtester.Data.Tests;

/// <summary>
/// The hostile inputs of issue 19, one test each: refused with a <see cref="MarketDataException"/> whose message names
/// the file, the row and column where there is one, and what was expected; or read exactly where the input is valid.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string BinanceRows = "1,42000.5,0.01,420.005,1704067200000,true\n2,42001,0.02,840.02,1704067200001,false\n";
    private const string TardisHeader = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static MarketDataException Fails(Func<MarketData> read) => Assert.Throws<MarketDataException>(() => read().Dispose());

    private static string BinanceTrades(int rows)
    {
        var text = new StringBuilder();
        for (int i = 0; i < rows; i++) text.Append($"{i + 1},{42000 + i}.714,0.01,420,{1704067200000 + i},true\n");
        return text.ToString();
    }

    // --- gzip -------------------------------------------------------------------------------------------------

    [Fact]
    public void A_gzip_file_cut_in_the_middle_is_refused_as_truncated()
    {
        string path = _dir.WriteGzip("BTCUSDT-trades-2024-01-01.csv.gz", BinanceTrades(2000));
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.StartsWith($"{path}: truncated or corrupt gzip file: the data ends after ", e.Message);
        Assert.Contains("and the file's last 8 bytes, read as the gzip trailer, say", e.Message);
        Assert.Contains("was the download cut short?", e.Message);
    }

    [Fact]
    public void A_gzip_file_cut_at_a_sync_flush_is_refused_although_every_row_in_it_is_whole()
    {
        // A writer that flushed after 1000 of 2000 rows and died: the deflate stream holds 1000 complete rows and
        // no end. GZipStream reads it as a valid file of 1000 rows.
        string path = _dir.File("BTCUSDT-trades-2024-01-01.csv.gz");
        string text = BinanceTrades(2000);
        string firstHalf = string.Concat(text.Split('\n').Take(1000).Select(line => line + "\n"));
        var buffer = new MemoryStream();
        var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true);
        gz.Write(Encoding.UTF8.GetBytes(firstHalf));
        gz.Flush();
        File.WriteAllBytes(path, buffer.ToArray());

        var e = Fails(() => MarketDataFiles.Open(path));

        int length = Encoding.UTF8.GetByteCount(firstHalf);
        Assert.StartsWith($"{path}: truncated or corrupt gzip file: the data ends after {length:N0} decompressed bytes", e.Message);
    }

    [Fact]
    public void A_gzip_file_missing_only_its_trailer_is_refused()
    {
        string path = _dir.WriteGzip("BTCUSDT-trades-2024-01-01.csv.gz", BinanceRows);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.StartsWith($"{path}: truncated or corrupt gzip file: the data ends after {BinanceRows.Length} decompressed bytes", e.Message);
    }

    [Fact]
    public void A_gzip_file_with_a_wrong_checksum_is_refused_as_corrupt()
    {
        string path = _dir.WriteGzip("BTCUSDT-trades-2024-01-01.csv.gz", BinanceRows);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^8] ^= 0x01; // the CRC-32's low byte
        File.WriteAllBytes(path, bytes);

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.Equal($"{path}: corrupt gzip data after 0 decompressed bytes: a bad compressed block or a trailer checksum that does not match ('gzip -t' checks the file)", e.Message);
    }

    [Fact]
    public void An_intact_gzip_file_reads_every_row()
    {
        string path = _dir.WriteGzip("BTCUSDT-trades-2024-01-01.csv.gz", BinanceTrades(2000));

        using MarketData data = MarketDataFiles.Open(path);

        Assert.Equal(2000, data.Trades.Count);
        Assert.Equal(43999.714, data.Trades.Prices.Span[^1]);
    }

    // --- CSV rows ---------------------------------------------------------------------------------------------

    [Fact]
    public void Two_lines_joined_by_a_lost_newline_are_refused_not_read_as_one_trade()
    {
        string path = _dir.Write("BTCUSDT-trades-2024-01-01.csv",
            "1,42000.5,0.01,420.005,1704067200000,true,true2,42001,0.02,840.02,1704067200001,false,true\n");

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.Equal($"{path}: row 1: expected 6 or 7 columns, got 13 (two lines joined by a missing newline?)", e.Message);
    }

    [Fact]
    public void Joined_lines_in_a_file_with_a_header_are_refused()
    {
        string path = _dir.Write("t.csv", TardisHeader + "binance,BTCUSDT,1704067200000000,0,1,buy,100,1binance,BTCUSDT,1704067200000001,0,2,sell,101,1\n");

        var e = Fails(() => MarketDataFiles.Open(path, new MarketDataReadOptions { CsvFormat = CsvFormat.TardisTrades }));

        Assert.Equal($"{path}: row 2: expected 8 columns, got 15 (two lines joined by a missing newline?)", e.Message);
    }

    [Fact]
    public void A_quoted_first_field_is_data_not_a_header()
    {
        string path = _dir.Write("BTCUSDT-trades-2024-01-01.csv", "\"1\",\"96995.04\",0.01,420.005,1704067200000,true\n" + BinanceRows[BinanceRows.IndexOf('\n')..].TrimStart('\n'));

        using MarketData data = MarketDataFiles.Open(path);

        Assert.Equal(new[] { 96995.04, 42001 }, data.Trades.Prices.ToArray());
    }

    [Fact]
    public void A_first_line_starting_with_nul_bytes_is_refused_not_skipped_as_a_header()
    {
        string path = _dir.Write("BTCUSDT-trades-2024-01-01.csv", "\0\01,42000.5,0.01,420.005,1704067200000,true\n");

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.Equal($"{path}: row 1, column 'id': expected an integer, got '\\u0000\\u00001'", e.Message);
    }

    [Fact]
    public void A_binance_header_with_another_first_name_is_refused_as_a_header_not_read_as_data()
    {
        // "idx" for "id": before, the line was read as data and refused at its last column ('is_best_match' not a boolean)
        string path = _dir.Write("BTCUSDT-trades-2024-01-03.csv", "idx,price,qty,quote_qty,time,is_buyer_maker,is_best_match\n" + BinanceRows);

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.StartsWith($"{path}: row 1: the header's column 1 is 'idx', expected 'id' (the columns are id,price,qty,quote_qty,time,is_buyer_maker", e.Message);
    }

    [Fact]
    public void A_binance_header_is_recognised_by_its_column_names_and_a_wrong_name_is_refused()
    {
        string good = _dir.Write("BTCUSDT-trades-2024-01-01.csv", "id,price,qty,quote_qty,time,is_buyer_maker\n" + BinanceRows);
        using (MarketData data = MarketDataFiles.Open(good)) Assert.Equal(2, data.Trades.Count);

        string bad = _dir.Write("BTCUSDT-trades-2024-01-02.csv", "id,prcie,qty,quote_qty,time,is_buyer_maker\n" + BinanceRows);
        var e = Fails(() => MarketDataFiles.Open(bad));
        Assert.Equal($"{bad}: row 1: the header's column 2 is 'prcie', expected 'price' (the columns are id,price,qty,quote_qty,time,is_buyer_maker,is_best_match)", e.Message);
    }

    [Fact]
    public void Quoted_numbers_are_unquoted()
    {
        string path = _dir.Write("t.csv", TardisHeader + "binance,\"BTCUSDT\",1704067200000000,0,1,\"buy\",\"96995.04\",\"0.5\"\n");

        using MarketData data = MarketDataFiles.Open(path, new MarketDataReadOptions { CsvFormat = CsvFormat.TardisTrades });

        Assert.Equal((96995.04, 0.5, "BTCUSDT"), (data.Trades.Prices.Span[0], data.Trades.Sizes.Span[0], data.Symbols[0]));
    }

    [Fact]
    public void A_corrupted_symbol_byte_is_refused_instead_of_creating_a_new_symbol()
    {
        // 'C' (0x43) with its top bit flipped is 0xC3, not valid UTF-8 on its own: it decodes as U+FFFD.
        byte[] bytes = Encoding.UTF8.GetBytes(TardisHeader + "binance,BTCUSDT,1704067200000000,0,1,buy,100,1\nbinance,BTCUSDT,1704067200000001,0,2,buy,100,1\n");
        int second = System.Array.LastIndexOf(bytes, (byte)'C');
        bytes[second] ^= 0x80;
        string path = _dir.File("t.csv");
        File.WriteAllBytes(path, bytes);

        var e = Fails(() => MarketDataFiles.Open(path, new MarketDataReadOptions { CsvFormat = CsvFormat.TardisTrades }));

        Assert.Equal($"{path}: row 3, column 'symbol': expected a symbol of at most 64 letters, digits and - _ . / : +, got 'BT\uFFFDUSDT' (a corrupted byte?)", e.Message);
    }

    [Theory]
    [InlineData("exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\nx,BTCUSDT,1000,0,true,bid,100,1\nx,BTCUSDT,2000,0,false,bid,100,2\n")]
    [InlineData("exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount\nx,BTCUSDT,1000,0,101,1,100,1\nx,BTCUSDT,2000,0,101,2,100,2\n")]
    [InlineData("timestamp,symbol,order_id,side,price,size,action\n1000,BTCUSDT,1,bid,100,1,add\n2000,BTCUSDT,2,bid,100,2,add\n")]
    public void A_corrupted_symbol_byte_in_a_book_or_market_by_order_csv_is_refused_instead_of_creating_a_new_symbol(string text)
    {
        // As for trades: the second row's 'C' with its top bit flipped decodes as U+FFFD; the book and L3 readers took it as a second symbol.
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        bytes[System.Array.LastIndexOf(bytes, (byte)'C')] ^= 0x80;
        string path = _dir.File("book.csv");
        File.WriteAllBytes(path, bytes);

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.Equal($"{path}: row 3, column 'symbol': expected a symbol of at most 64 letters, digits and - _ . / : +, got 'BT\uFFFDUSDT' (a corrupted byte?)", e.Message);
    }

    [Theory]
    [InlineData("t.csv", "timestamp,symbol,price,size,side,size\n1000,BTCUSDT,100,1,buy,2\n", CsvFormat.Generic)]
    [InlineData("book.csv", "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount,price\nx,BTCUSDT,1000,0,true,bid,100,1,100\n", CsvFormat.TardisIncrementalBookL2)]
    [InlineData("l3.csv", "timestamp,symbol,order_id,side,price,size,action,size\n1000,BTCUSDT,1,bid,100,1,add,1\n", CsvFormat.MarketByOrder)]
    public void A_header_naming_a_column_twice_is_refused_naming_the_column(string name, string text, CsvFormat format)
    {
        // Found by the fuzz test: a splice that repeated a header name made Sep throw its ArgumentException, which
        // escaped the readers instead of an error naming the file.
        string path = _dir.Write(name, text);

        var e = Fails(() => MarketDataFiles.Open(path, new MarketDataReadOptions { CsvFormat = format }));

        Assert.StartsWith($"{path}: row 1: the header row cannot be used: ", e.Message);
        Assert.Contains(format == CsvFormat.TardisIncrementalBookL2 ? "'price'" : "'size'", e.Message);
        Assert.EndsWith("(each column must be named once)", e.Message);
    }

    [Fact]
    public void A_long_bad_field_is_shown_cut_to_64_characters()
    {
        string junk = new('x', 10_000);
        string path = _dir.Write("BTCUSDT-trades-2024-01-01.csv", $"1,{junk},0.01,420.005,1704067200000,true\n");

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.Equal($"{path}: row 1, column 'price': expected a number, got '{new string('x', 64)}'... ({10_000:N0} characters)", e.Message);
    }

    [Fact]
    public void A_row_over_the_length_limit_in_a_small_gzip_file_is_refused()
    {
        // A one-line "gzip bomb": 17 Mi characters without a newline compress to a few kilobytes.
        string path = _dir.WriteGzip("t.csv.gz", TardisHeader + new string('1', MarketDataLimits.MaxCsvRowLength + 1_000_000));
        Assert.True(new FileInfo(path).Length < 200_000);

        var e = Fails(() => MarketDataFiles.Open(path, new MarketDataReadOptions { CsvFormat = CsvFormat.TardisTrades }));

        Assert.Equal($"{path}: the row after the first 0 data rows is longer than {MarketDataLimits.MaxCsvRowLength:N0} characters (a missing newline or an unterminated quote?)", e.Message);
    }

    [Fact]
    public void A_symlink_loop_is_refused_naming_the_file()
    {
        string a = _dir.File("a.csv"), b = _dir.File("b.csv");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        var e = Fails(() => MarketDataFiles.Open(a, new MarketDataReadOptions { CsvFormat = CsvFormat.TardisTrades }));

        Assert.StartsWith($"{a}: cannot read the file: ", e.Message);
        Assert.Contains("symbolic links", e.Message);
    }

    // --- Parquet ----------------------------------------------------------------------------------------------

    private string WriteParquet(int rows)
    {
        string path = _dir.File($"t{rows}.parquet");
        using MarketData data = SyntheticData.Trades(new SyntheticDataOptions { Events = rows, Symbols = 2 });
        ParquetMarketData.Write(data, path);
        return path;
    }

    /// <summary>The file with its footer (Thrift FileMetaData) replaced, and the footer length updated.</summary>
    private static void ReplaceFooter(string path, Func<byte[], byte[]> change)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        byte[] footer = change(bytes[(bytes.Length - 8 - length)..^8]);
        var result = new List<byte>(bytes[..(bytes.Length - 8 - length)]);
        result.AddRange(footer);
        var tail = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, footer.Length);
        "PAR1"u8.CopyTo(tail.AsSpan(4));
        result.AddRange(tail);
        File.WriteAllBytes(path, result.ToArray());
    }

    [Fact]
    public void A_changed_last_footer_byte_is_refused_at_once_instead_of_spinning()
    {
        string path = WriteParquet(1000);
        byte[] bytes = File.ReadAllBytes(path);
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        Assert.Equal(0, bytes[^9]); // the FileMetaData struct's stop byte
        bytes[^9] = 0x01;           // now a field header whose id follows, past the end
        File.WriteAllBytes(path, bytes);

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.Equal($"{path}: corrupt Parquet footer (file metadata): the metadata ends inside a value at byte {length:N0} of {length:N0}", e.Message);
    }

    [Fact]
    public void A_footer_declaring_100_million_rows_in_a_small_file_is_refused_before_allocating()
    {
        string path = WriteParquet(1000);
        // FileMetaData field 3 (num_rows, i64) follows field 2 (the schema): header 0x16, then zigzag varint 2000 = d0 0f.
        ReplaceFooter(path, footer =>
        {
            int at = IndexOf(footer, [0x16, 0xD0, 0x0F]);
            Assert.True(at >= 0, "num_rows not found in the footer");
            byte[] rows = ZigZagVarInt(100_000_000);
            return [.. footer[..(at + 1)], .. rows, .. footer[(at + 3)..]];
        });
        long size = new FileInfo(path).Length;

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.Equal($"{path}: corrupt Parquet footer: it declares {100_000_000:N0} rows in a {size:N0}-byte file (at most 8 rows per byte are accepted)", e.Message);
    }

    [Fact]
    public void A_footer_whose_changed_field_id_makes_parquet_net_lose_every_row_group_is_refused()
    {
        // Found by the fuzz test: in the 'side' column's SchemaElement, converted_type INT_8 (header 0x25, zigzag 15 =
        // 0x1e) is followed by logicalType (field 10, a struct: header 0x4c). Flipping that header to 0xac (field 16)
        // leaves a well-formed footer that our bounded walk skips past, but Parquet.Net then decodes no row groups and
        // no rows: the file read as empty trades, without an error.
        string path = WriteParquet(1000);
        byte[] bytes = File.ReadAllBytes(path);
        int at = IndexOf(bytes, [.. "side"u8, 0x25, 0x1E, 0x4C]);
        Assert.True(at >= 0, "the side column's schema element was not found");
        bytes[at + 6] = 0xAC;
        File.WriteAllBytes(path, bytes);

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.Equal($"{path}: corrupt Parquet footer: its bytes declare {1000:N0} rows in 1 row group(s), but it decodes as 0 rows in 0 (a damaged field in the file metadata?)", e.Message);
    }

    [Fact]
    public void A_footer_without_its_row_groups_field_is_refused()
    {
        string path = WriteParquet(1000);
        // FileMetaData field 4 (row_groups) follows num_rows: header 0x19 (delta 1, list). Renumbering it to field 5
        // (header 0x29, a list where the format has key_value_metadata) removes the required field.
        ReplaceFooter(path, footer =>
        {
            int at = IndexOf(footer, [0x16, 0xD0, 0x0F, 0x19]);
            Assert.True(at >= 0, "num_rows and row_groups not found in the footer");
            footer[at + 3] = 0x29;
            return footer;
        });

        int length = BinaryPrimitives.ReadInt32LittleEndian(File.ReadAllBytes(path).AsSpan(^8));

        var e = Fails(() => MarketDataFiles.Open(path));

        // The walk reads the whole struct, stop byte included, before it knows a field was missing.
        Assert.Equal($"{path}: corrupt Parquet footer (file metadata): the required row_groups (field 4) is missing at byte {length:N0} of {length:N0}", e.Message);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        return -1;
    }

    private static byte[] ZigZagVarInt(long value)
    {
        ulong z = (ulong)((value << 1) ^ (value >> 63));
        var bytes = new List<byte>();
        while (z >= 0x80) { bytes.Add((byte)(z | 0x80)); z >>= 7; }
        bytes.Add((byte)z);
        return bytes.ToArray();
    }

    // --- Arrow ------------------------------------------------------------------------------------------------

    private string WriteArrow(string name, string symbolsJson = "[\"X\"]", CompressionCodecType? codec = null)
    {
        Int64Array ts = new Int64Array.Builder().AppendRange([1, 2, 3]).Build();
        var columns = new List<(string Name, IArrowArray Array)>
        {
            ("timestamp", new TimestampArray(new ArrayData(new TimestampType(TimeUnit.Nanosecond, "UTC"), ts.Length, 0, 0, ts.Data.Buffers))),
            ("symbol_id", new Int32Array.Builder().AppendRange([0, 0, 0]).Build()),
            ("price", new DoubleArray.Builder().AppendRange([100.5, 101, 99.25]).Build()),
            ("size", new DoubleArray.Builder().AppendRange([1, 2, 3]).Build()),
            ("side", new Int8Array.Builder().AppendRange([1, -1, 1]).Build()),
        };
        var schema = new Schema.Builder();
        foreach (var (n, a) in columns) schema.Field(new Field(n, a.Data.DataType, nullable: false));
        schema.Metadata("backtester.kind", "trades").Metadata("backtester.symbols", symbolsJson);
        Schema built = schema.Build();
        string path = _dir.File(name);
        using var stream = File.Create(path);
        var options = codec is null ? new IpcOptions() : new IpcOptions { CompressionCodec = codec, CompressionCodecFactory = new Apache.Arrow.Compression.CompressionCodecFactory() };
        using var writer = new ArrowFileWriter(stream, built, leaveOpen: false, options);
        writer.WriteRecordBatch(new RecordBatch(built, columns.ConvertAll(c => c.Array), 3));
        writer.WriteEnd();
        return path;
    }

    [Theory]
    [InlineData(CompressionCodecType.Lz4Frame)]
    [InlineData(CompressionCodecType.Zstd)]
    public void Lz4_and_zstd_compressed_arrow_files_are_read(CompressionCodecType codec)
    {
        string path = WriteArrow($"t-{codec}.feather", codec: codec);

        using MarketData data = MarketDataFiles.Open(path);

        Assert.Equal(new[] { 100.5, 101, 99.25 }, data.Trades.Prices.ToArray());
        Assert.Equal(new[] { 1.0, 2, 3 }, data.Trades.Sizes.ToArray());
        Assert.Equal(new[] { Side.Buy, Side.Sell, Side.Buy }, data.Trades.Aggressors.ToArray());
    }

    [Fact]
    public void A_compressed_arrow_buffer_declaring_a_gigabyte_is_refused_before_it_is_allocated()
    {
        // 1,000 trades of one price, size and side: ZSTD compresses the 8,000-byte price buffer, which then starts with its
        // uncompressed length (8,000 as an int64; the size buffer too, the timestamps differ). The first such length in the
        // body is set to 2^30: Apache.Arrow would allocate 1 GiB and decompress into it before finding 8,000 bytes.
        const int Rows = 1_000;
        var columns = new List<(string Name, IArrowArray Array)>
        {
            ("timestamp", new TimestampArray(new ArrayData(new TimestampType(TimeUnit.Nanosecond, "UTC"), Rows, 0, 0,
                new Int64Array.Builder().AppendRange(Enumerable.Range(1, Rows).Select(i => (long)i)).Build().Data.Buffers))),
            ("symbol_id", new Int32Array.Builder().AppendRange(new int[Rows]).Build()),
            ("price", new DoubleArray.Builder().AppendRange(Enumerable.Repeat(100.5, Rows)).Build()),
            ("size", new DoubleArray.Builder().AppendRange(Enumerable.Repeat(1.0, Rows)).Build()),
            ("side", new Int8Array.Builder().AppendRange(Enumerable.Repeat((sbyte)1, Rows)).Build()),
        };
        var schema = new Schema.Builder();
        foreach (var (n, a) in columns) schema.Field(new Field(n, a.Data.DataType, nullable: false));
        Schema built = schema.Metadata("backtester.kind", "trades").Metadata("backtester.symbols", "[\"X\"]").Build();
        string path = _dir.File("declared.feather");
        using (var stream = File.Create(path))
        using (var writer = new ArrowFileWriter(stream, built, leaveOpen: false,
            new IpcOptions { CompressionCodec = CompressionCodecType.Zstd, CompressionCodecFactory = new Apache.Arrow.Compression.CompressionCodecFactory() }))
        {
            writer.WriteRecordBatch(new RecordBatch(built, columns.ConvertAll(c => c.Array), Rows));
            writer.WriteEnd();
        }
        using (MarketData intact = MarketDataFiles.Open(path)) Assert.Equal(Enumerable.Repeat(100.5, Rows), intact.Trades.Prices.ToArray());
        byte[] bytes = File.ReadAllBytes(path);
        int at = IndexOf(bytes, BitConverter.GetBytes(8_000L));
        Assert.True(at > 0);
        BitConverter.GetBytes(1L << 30).CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);

        var e = Fails(() => MarketDataFiles.Open(path));

        // 64 bytes of uncompressed buffer per byte of file: 8 rows per byte (as for Parquet), 8 bytes per value.
        Assert.Equal($"{path}: corrupt Arrow IPC file: a compressed buffer declares {1L << 30:N0} bytes uncompressed, more than 64 × the {bytes.Length:N0}-byte file (market data never compresses that far)", e.Message);
    }

    [Fact]
    public void An_arrow_file_declaring_a_million_symbols_is_refused()
    {
        string json = "[" + string.Join(",", Enumerable.Range(0, 1_000_000).Select(i => $"\"S{i}\"")) + "]";
        string path = WriteArrow("many.arrow", json);

        var e = Fails(() => MarketDataFiles.Open(path));

        Assert.Equal($"{path}: column 'symbol_id': schema metadata 'backtester.symbols' declares {1_000_000:N0} symbols; the limit is {100_000:N0} (MarketDataLimits.MaxSymbols)", e.Message);
    }

    [Fact]
    public void An_arrow_batch_longer_than_its_data_buffer_is_refused_naming_the_column()
    {
        // The first field node of the record batch message ({length: 3, null_count: 0} as two int64s, for the timestamp
        // column) raised to 1,000,000: the timestamp buffer, 3 values long, is too short for it.
        string path = WriteArrow("long.arrow");
        byte[] bytes = File.ReadAllBytes(path);
        byte[] three = [.. BitConverter.GetBytes(3L), .. BitConverter.GetBytes(0L)];
        int first = IndexOf(bytes, three);
        Assert.True(first > 0);
        BitConverter.GetBytes(1_000_000L).CopyTo(bytes, first);
        File.WriteAllBytes(path, bytes);

        var e = Fails(() => MarketDataFiles.Open(path));

        // 1,000,000 int64 timestamps need 8,000,000 bytes; the file's timestamp buffer holds the 3 written (24 bytes),
        // padded to 64 bytes as Arrow's writer pads every buffer.
        Assert.Equal($"{path}: column 'timestamp': the record batch declares {1_000_000:N0} values ({8_000_000:N0} bytes) but its data buffer holds 64 bytes (truncated or corrupt file?)", e.Message);
    }
}
