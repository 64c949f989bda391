using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Backtester.Data;
using Spectre.Console;

namespace Backtester.Cli.Data;

/// <summary><c>backtester data convert</c> and <c>backtester data inspect</c>.</summary>
internal static class DataCommands
{
    public static Command Create(CliConsole console) =>
        new("data", "Convert market data to an Arrow or Parquet file, or describe a data file.") { Convert(console), Inspect(console) };

    private static Command Convert(CliConsole console)
    {
        Argument<string> input = new("input") { Description = "A CSV (.csv, .csv.gz) or Parquet file, or synthetic:..." };
        Argument<string> output = new("output") { Description = "The file to write; its extension picks the format: .arrow (memory-mapped by the engine) or .parquet." };
        Option<string?> format = new("--format", "-f")
        {
            Description = "The input layout: binance-trades, binance-aggtrades, binance-klines, binance-depth (a recorded diff depth stream, with --snapshot), tardis-trades, tardis-quotes, tardis-book-l2, tardis-book-snapshot, market-by-order (L3: timestamp,symbol,order_id,side,price,size,action), csv (detect from the file name or header) or parquet. Default: detect (binance-depth when --snapshot is given).",
        };
        format.AcceptOnlyFromAmong(DataFormats.Names);
        Option<string?> symbol = new("--symbol") { Description = "The symbol, for files without a symbol column (default: the file name up to its first '-'; binance-depth: the events' s field)." };
        Option<string?> snapshot = new("--snapshot")
        {
            Description = "binance-depth: the REST depth snapshot (/api/v3/depth or /fapi/v1/depth saved as JSON) taken after the recording of the input stream started.",
        };
        Option<bool> quiet = CommonOptions.Quiet(json: false);
        Option<bool> sort = CommonOptions.SortIfUnordered();
        var command = new Command("convert", "Convert CSV, Parquet, a recorded Binance depth stream or synthetic market data to an Arrow or Parquet file (all or nothing).")
        {
            input, output, format, symbol, snapshot, sort, quiet,
        };
        command.SetAction(parsed =>
        {
            string from = parsed.GetValue(input)!, to = parsed.GetValue(output)!;
            string? layout = parsed.GetValue(format), snapshotFile = parsed.GetValue(snapshot);
            long events;
            if (layout == DataFormats.BinanceDepth || (layout is null && snapshotFile is not null))
            {
                if (snapshotFile is null)
                    throw new UserErrorException("--format binance-depth needs --snapshot <file>: the REST depth snapshot the stream continues (docs/data.md, \"Binance depth\").");
                events = BacktesterCli.Input($"cannot convert '{from}'", () => MarketDataConverter.ConvertBinanceDepth(snapshotFile, from, to, parsed.GetValue(symbol)));
            }
            else
            {
                if (snapshotFile is not null)
                    throw new UserErrorException($"--snapshot is for --format binance-depth, not {layout}.");
                DataFormats.CheckInput(layout, from);
                var options = new MarketDataReadOptions { Symbol = parsed.GetValue(symbol), CsvFormat = DataFormats.CsvFormatOf(layout), SortIfUnordered = parsed.GetValue(sort) };
                events = BacktesterCli.Input($"cannot convert '{from}'", () => MarketDataConverter.Convert(from, to, options), DataAdvice.Converting);
            }
            if (!parsed.GetValue(quiet)) console.Out.WriteLine($"wrote {events:N0} events to {Path.GetFullPath(to)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Inspect(CliConsole console)
    {
        Argument<string> path = new("path") { Description = "A market data file (.arrow, .parquet, .csv, .csv.gz) or synthetic:..." };
        Option<bool> json = CommonOptions.Json();
        Option<bool> sort = CommonOptions.SortIfUnordered();
        var command = new Command("inspect", "Show a market data file's schema, row counts, time range (UTC) and symbols.") { path, sort, json };
        command.SetAction(parsed =>
        {
            string source = parsed.GetValue(path)!;
            DataDescription description = Describe(source, CommonOptions.ReadOptions(parsed.GetValue(sort)));
            if (parsed.GetValue(json)) WriteJson(console, description);
            else WriteTable(console, description);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One column of a data source as the file declares it, and the column the reader makes of it.</summary>
    /// <param name="Name">The column's name in the file.</param>
    /// <param name="Type">Its type in the file's own terms (Arrow's type name, or the Parquet physical and logical type).</param>
    /// <param name="ReadAs">Parquet: the reader's column it becomes (name and Arrow type), or null when the reader ignores it.</param>
    /// <param name="Parquet">Parquet: the column's physical, logical and converted type and whether it is optional.</param>
    private sealed record SchemaColumn(string Name, string Type, (string Name, string Type)? ReadAs, ParquetColumn? Parquet = null);

    private sealed record DataDescription(string Source, string Format, string? CsvLayout, IReadOnlyList<SchemaColumn> Schema, ParquetFileSchema? Parquet,
        long Trades, long Quotes, long Bars, long Book, long First, long Last, IReadOnlyList<string> Symbols)
    {
        public long Rows => Trades + Quotes + Bars + Book;
    }

    private static DataDescription Describe(string source, MarketDataReadOptions options)
    {
        using MarketData data = MarketDataInput.Open(source, options);
        var symbols = new List<string>();
        for (int i = 0; i < data.Symbols.Count; i++) symbols.Add(data.Symbols[i]);
        (long first, long last) = DataSpan.Of(data);
        string extension = Path.GetExtension(source).ToLowerInvariant();
        string format;
        string? layout = null;
        IReadOnlyList<SchemaColumn> schema;
        ParquetFileSchema? parquet = null;
        if (extension is ".arrow" or ".feather" or ".ipc") (format, schema) = ("arrow", ArrowSchemaOf(source));
        else if (extension == ".parquet")
        {
            // Read after the reader accepted the file, so its footer has been checked before Parquet.Net decodes it again.
            parquet = BacktesterCli.Input($"cannot read the Parquet schema of '{source}'", () => ParquetFileSchema.Read(source));
            (format, schema) = ("parquet", ParquetSchemaOf(parquet, data));
        }
        else
        {
            bool synthetic = source.StartsWith(MarketDataFiles.SyntheticPrefix, StringComparison.OrdinalIgnoreCase);
            format = synthetic ? "synthetic" : "csv";
            if (!synthetic) layout = DataFormats.NameOf(MarketDataFiles.DetectCsvFormat(source)); // as the reader just did
            var read = ColumnsRead(data.Trades.Count > 0, data.Quotes.Count > 0, data.Bars.Count > 0, data.Book.Count > 0);
            schema = read.ConvertAll(c => new SchemaColumn(c.Name, c.Type, null)); // no typed schema of its own: the columns as read
        }
        return new DataDescription(source, format, layout, schema, parquet, data.Trades.Count, data.Quotes.Count, data.Bars.Count, data.Book.Count, first, last, symbols);
    }

    /// <summary>An Arrow file's own schema; the reader maps its columns as they are and ignores columns it does not know.</summary>
    private static List<SchemaColumn> ArrowSchemaOf(string source)
    {
        using FileStream stream = File.OpenRead(source);
        using var reader = new ArrowFileReader(stream);
        var fields = new List<SchemaColumn>();
        foreach (Field field in reader.Schema.FieldsList) fields.Add(new SchemaColumn(field.Name, TypeName(field.DataType), null));
        return fields;
    }

    /// <summary>
    /// A Parquet file's own columns, each with the column the reader makes of it: those of the kind the reader just read
    /// it as (<paramref name="data"/>), the string <c>symbol</c> as <c>symbol_id</c>; other columns are not read.
    /// </summary>
    private static List<SchemaColumn> ParquetSchemaOf(ParquetFileSchema file, MarketData data)
    {
        var read = ColumnsRead(data.Trades.Count > 0, data.Quotes.Count > 0, data.Bars.Count > 0, data.Book.Count > 0);
        return file.Columns.Select(c =>
        {
            string name = c.Name == "symbol" ? "symbol_id" : c.Name == "symbol_id" ? "" : c.Name;
            int at = read.FindIndex(r => r.Name == name);
            return new SchemaColumn(c.Name, c.Type, at < 0 ? null : read[at], c);
        }).ToList();
    }

    /// <summary>The columns the readers make of the event kinds present, in the Arrow file's order and types.</summary>
    private static List<(string Name, string Type)> ColumnsRead(bool trades, bool quotes, bool bars, bool book)
    {
        var fields = new List<(string Name, string Type)> { ("timestamp", "timestamp[ns, UTC]"), ("symbol_id", "int32") };
        if (trades) fields.AddRange([("price", "double"), ("size", "double"), ("side", "int8")]);
        if (quotes) fields.AddRange([("bid_price", "double"), ("bid_size", "double"), ("ask_price", "double"), ("ask_size", "double")]);
        if (bars) fields.AddRange([("open", "double"), ("high", "double"), ("low", "double"), ("close", "double"), ("volume", "double")]);
        if (book) fields.AddRange([("side", "int8"), ("price", "double"), ("size", "double"), ("flags", "uint8")]);
        return fields;
    }

    /// <summary>Arrow's short type name (<c>double</c>, <c>int32</c>), with a timestamp's unit and zone as the other sources show it.</summary>
    private static string TypeName(IArrowType type) => type is TimestampType t
        ? $"timestamp[{t.Unit switch { TimeUnit.Second => "s", TimeUnit.Millisecond => "ms", TimeUnit.Microsecond => "us", _ => "ns" }}, {t.Timezone ?? "no zone"}]"
        : type.Name;

    private static void WriteTable(CliConsole console, DataDescription d)
    {
        IAnsiConsole ansi = console.CreateAnsiConsole();
        var schema = new Spectre.Console.Table().Title(Markup.Escape(d.Source)).AddColumn("column");
        if (d.Parquet is null) schema.AddColumn("type");
        else schema.AddColumn("Parquet type").AddColumn("read as");
        foreach (SchemaColumn c in d.Schema)
        {
            if (d.Parquet is null) schema.AddRow(Markup.Escape(c.Name), Markup.Escape(c.Type));
            else schema.AddRow(Markup.Escape(c.Name), Markup.Escape(c.Type), Markup.Escape(c.ReadAs is { } r ? $"{r.Name} {r.Type}" : "(not read)"));
        }
        ansi.Write(schema);
        var facts = new Spectre.Console.Grid().AddColumn().AddColumn();
        facts.AddRow("format", d.CsvLayout is null ? d.Format : $"{d.Format} ({d.CsvLayout})");
        if (d.Parquet is { } file) facts.AddRow("file", $"{file.Rows:N0} rows in {file.RowGroups:N0} row group(s)");
        facts.AddRow("rows", d.Book == 0
            ? $"{d.Rows:N0} (trades {d.Trades:N0}, quotes {d.Quotes:N0}, bars {d.Bars:N0})"
            : $"{d.Rows:N0} (trades {d.Trades:N0}, quotes {d.Quotes:N0}, bars {d.Bars:N0}, book updates {d.Book:N0})");
        facts.AddRow("from", d.Rows == 0 ? "-" : DataSpan.Iso(d.First));
        facts.AddRow("to", d.Rows == 0 ? "-" : DataSpan.Iso(d.Last));
        facts.AddRow("symbols", Markup.Escape(string.Join(", ", d.Symbols)));
        ansi.Write(facts);
    }

    private static void WriteJson(CliConsole console, DataDescription d) =>
        Formatting.Json(console.Out, w =>
        {
            w.WriteStartObject();
            w.WriteString("source", d.Source);
            w.WriteString("format", d.Format);
            if (d.CsvLayout is not null) w.WriteString("csv_layout", d.CsvLayout);
            w.WriteStartArray("schema");
            foreach (SchemaColumn c in d.Schema)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("type", c.Type);
                if (c.Parquet is { } p)
                {
                    w.WriteString("physical_type", p.PhysicalType);
                    if (p.LogicalType is null) w.WriteNull("logical_type");
                    else w.WriteString("logical_type", p.LogicalType);
                    if (p.ConvertedType is null) w.WriteNull("converted_type");
                    else w.WriteString("converted_type", p.ConvertedType);
                    w.WriteBoolean("nullable", p.Nullable);
                    if (c.ReadAs is { } r)
                    {
                        w.WriteStartObject("read_as");
                        w.WriteString("name", r.Name);
                        w.WriteString("type", r.Type);
                        w.WriteEndObject();
                    }
                    else w.WriteNull("read_as");
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (d.Parquet is { } file)
            {
                w.WriteNumber("file_rows", file.Rows);
                w.WriteNumber("row_groups", file.RowGroups);
            }
            w.WriteNumber("rows", d.Rows);
            w.WriteNumber("trades", d.Trades);
            w.WriteNumber("quotes", d.Quotes);
            w.WriteNumber("bars", d.Bars);
            w.WriteNumber("book", d.Book);
            if (d.Rows > 0)
            {
                w.WriteString("from", DataSpan.Json(d.First));
                w.WriteString("to", DataSpan.Json(d.Last));
            }
            w.WriteStartArray("symbols");
            foreach (string symbol in d.Symbols) w.WriteStringValue(symbol);
            w.WriteEndArray();
            w.WriteEndObject();
        });
}
