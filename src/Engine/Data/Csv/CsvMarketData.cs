using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using nietras.SeparatedValues;

namespace Backtester.Data;

/// <summary>
/// Reads market data from CSV files with Sep: Binance public dumps, Tardis.dev normalized files, or any trades
/// CSV described by a <see cref="CsvColumnMapping"/>. Files ending in <c>.gz</c> are decompressed as a stream.
/// Every value is checked as it is parsed; an error names the file, the 1-based line number (the header is line 1)
/// and the column as the file names it. Line numbers assume no quoted field spans several lines (none does in these formats).
/// No row is dropped: every row must have the header's column count (so two lines joined by a lost newline are an
/// error), a headerless Binance file's first line is a header only when its fields are the expected column names,
/// quoted fields are unquoted (<c>"96995.04"</c> reads as 96995.04), symbols must be printable ASCII names, a gzip
/// file must end with its intact trailer (<see cref="CheckedGzipStream"/>) and a row longer than
/// <see cref="MarketDataLimits.MaxCsvRowLength"/> characters is refused. Limits and their errors are listed in docs/data.md.
/// </summary>
public static class CsvMarketData
{
    private const long NsPerMs = 1_000_000, NsPerUs = 1_000;

    /// <summary>How many characters of a bad field an error message shows.</summary>
    internal const int ShownFieldLength = 64;

    /// <summary>Reads one CSV file in the given layout.</summary>
    /// <param name="path">The file (<c>.csv</c> or <c>.csv.gz</c>).</param>
    /// <param name="format">Its layout.</param>
    /// <param name="options">Symbol for files without a symbol column, the generic mapping, sorting.</param>
    /// <exception cref="MarketDataException">The file is empty or a value is missing, unparsable or invalid.</exception>
    public static MarketData Read(string path, CsvFormat format, MarketDataReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new MarketDataReadOptions();
        if (format is CsvFormat.TardisIncrementalBookL2 or CsvFormat.TardisBookSnapshot) return TardisBookCsv.Read(path, format, options);
        if (format == CsvFormat.MarketByOrder) return MarketByOrderCsv.Read(path, options);
        CsvColumnMapping mapping = options.Mapping ?? new CsvColumnMapping();
        bool binance = format is CsvFormat.BinanceTrades or CsvFormat.BinanceAggTrades or CsvFormat.BinanceKlines;
        char separator = format == CsvFormat.Generic ? mapping.Separator : ',';

        using Stream stream = OpenStream(path, out long length);
        if (length == 0) throw new MarketDataException(path, -1, null, "the file is empty");
        using (SepReader reader = CsvReaderOpening.Open(path, stream, separator, hasHeader: !binance, unescape: true))
        {
            if (reader.IsEmpty) throw new MarketDataException(path, -1, null, "the file is empty");

            EventLayout layout = format switch
            {
                CsvFormat.BinanceKlines => EventLayout.Bars,
                CsvFormat.TardisQuotes => EventLayout.Quotes,
                _ => EventLayout.Trades,
            };
            int capacity = (int)Math.Clamp(length / (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? 12 : 48), 1024, Array.MaxLength);
            var builder = new EventBuilder(layout, path, options.SortIfUnordered, capacity);
            try
            {
                switch (format)
                {
                    case CsvFormat.BinanceTrades:
                        ReadBinanceTrades(reader, builder, path, FileSymbol(path, options), BinanceColumns.Trades);
                        break;
                    case CsvFormat.BinanceAggTrades:
                        ReadBinanceTrades(reader, builder, path, FileSymbol(path, options), BinanceColumns.AggTrades);
                        break;
                    case CsvFormat.BinanceKlines:
                        ReadBinanceKlines(reader, builder, path, FileSymbol(path, options));
                        break;
                    case CsvFormat.TardisTrades:
                        ReadTrades(reader, builder, path, new CsvColumnMapping { Size = "amount", TimestampUnit = TimestampUnit.Microseconds, SideValues = TardisSides }, null);
                        break;
                    case CsvFormat.TardisQuotes:
                        ReadTardisQuotes(reader, builder, path);
                        break;
                    case CsvFormat.Generic:
                        ReadTrades(reader, builder, path, mapping, mapping.Symbol is null ? FileSymbol(path, options) : null);
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown CSV format.");
                }
            }
            catch (NotSupportedException e) when (CsvReaderOpening.IsRowTooLong(e))
            {
                throw CsvReaderOpening.RowTooLong(path, builder.Count);
            }
            return builder.Build();
        }
    }

    /// <summary>The symbol of a file without a symbol column: the option, else the file name up to its first '-'.</summary>
    internal static string FileSymbol(string path, MarketDataReadOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Symbol))
        {
            if (SymbolNameRule.ProblemOf(options.Symbol, fromFile: false) is { } given) throw new MarketDataException(path, -1, null, $"the symbol given for the file: {given}");
            return options.Symbol;
        }
        string name = Path.GetFileName(path);
        int dash = name.IndexOf('-');
        if (dash <= 0)
            throw new MarketDataException(path, -1, null, "the file has no symbol column and its name does not say the symbol (expected e.g. BTCUSDT-trades-2024-01-01.csv)", MarketDataRemedy.Symbol);
        if (SymbolNameRule.ProblemOf(name.AsSpan(0, dash), fromFile: false) is { } named)
            throw new MarketDataException(path, -1, null, $"the symbol in the file's name: {named}", MarketDataRemedy.Symbol);
        return name[..dash];
    }

    /// <summary>The file as a stream, decompressing <c>.gz</c>; <paramref name="length"/> is the size on disk.</summary>
    internal static Stream OpenStream(string path, out long length)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        length = file.Length;
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || length == 0) return file;
        try
        {
            return new CheckedGzipStream(path, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static readonly Dictionary<string, Side> TardisSides = new(StringComparer.OrdinalIgnoreCase) { ["buy"] = Side.Buy, ["sell"] = Side.Sell };

    /// <summary>Column positions and names of the two Binance trade dumps.</summary>
    /// <remarks>The dumps may end with an <c>is_best_match</c> column (<see cref="Names"/>' last entry), so a row has one column more or less than the names.</remarks>
    private sealed record BinanceColumns(int Price, int Qty, int Time, int Maker, string[] Names)
    {
        public static readonly BinanceColumns Trades = new(1, 2, 4, 5, ["id", "price", "qty", "quote_qty", "time", "is_buyer_maker", "is_best_match"]);
        public static readonly BinanceColumns AggTrades = new(1, 2, 5, 6, ["agg_trade_id", "price", "quantity", "first_trade_id", "last_trade_id", "transact_time", "is_buyer_maker", "is_best_match"]);
    }

    private static readonly string[] KlineNames =
        ["open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore"];

    private static void ReadBinanceTrades(SepReader reader, EventBuilder builder, string path, string symbol, BinanceColumns cols)
    {
        int symbolId = builder.Symbols.IdOf(symbol);
        string[] names = cols.Names;
        int line = 0;
        foreach (SepReader.Row row in reader)
        {
            line++;
            if (line == 1 && IsHeader(row, names, path)) continue;
            CheckColumnCount(row, names.Length - 1, names.Length, path, line);
            if (row.ColCount == names.Length) BuyerMakerToAggressor(row[names.Length - 1].Span, path, line, names[^1]);
            ParseLong(row[0], path, line, names[0]); // the trade id is not kept, but junk there means a corrupt line
            long time = BinanceTime(ParseLong(row[cols.Time], path, line, names[cols.Time]), path, line, names[cols.Time]);
            builder.AddRow(line, names[cols.Time], time, symbolId);
            builder.AddValue(0, ParseDouble(row[cols.Price], path, line, names[cols.Price]), line, names[cols.Price]);
            builder.AddValue(1, ParseDouble(row[cols.Qty], path, line, names[cols.Qty]), line, names[cols.Qty]);
            builder.AddSide(BuyerMakerToAggressor(row[cols.Maker].Span, path, line, names[cols.Maker]));
        }
    }

    private static void ReadBinanceKlines(SepReader reader, EventBuilder builder, string path, string symbol)
    {
        string[] names = KlineNames;
        int symbolId = builder.Symbols.IdOf(symbol);
        int line = 0;
        foreach (SepReader.Row row in reader)
        {
            line++;
            if (line == 1 && IsHeader(row, names, path)) continue;
            CheckColumnCount(row, names.Length, names.Length, path, line);
            long openTime = ParseLong(row[0], path, line, names[0]);
            RefuseSeconds(openTime, path, line, names[0]);
            long closeTime = ParseLong(row[6], path, line, names[6]);
            // close_time is the last ms (or µs) inside the interval; the bar is stamped with the interval end.
            long end = ScaleTime(closeTime + 1, BinanceUnit(openTime), path, line, names[6]);
            builder.AddRow(line, names[6], end, symbolId);
            double open = ParseDouble(row[1], path, line, names[1]), high = ParseDouble(row[2], path, line, names[2]);
            double low = ParseDouble(row[3], path, line, names[3]), close = ParseDouble(row[4], path, line, names[4]);
            builder.AddValue(0, open, line, names[1]);
            builder.AddValue(1, high, line, names[2]);
            builder.AddValue(2, low, line, names[3]);
            builder.AddValue(3, close, line, names[4]);
            builder.AddValue(4, ParseDouble(row[5], path, line, names[5]), line, names[5]);
            if (low > high) throw new MarketDataException(path, line, "low", $"expected low ≤ high, got low {low} > high {high}");
            if (open < low || open > high) throw new MarketDataException(path, line, "open", $"expected open within [low, high] = [{low}, {high}], got {open}");
            if (close < low || close > high) throw new MarketDataException(path, line, "close", $"expected close within [low, high] = [{low}, {high}], got {close}");
        }
    }

    /// <summary>Trades from a file with a header (Tardis trades and generic CSV).</summary>
    private static void ReadTrades(SepReader reader, EventBuilder builder, string path, CsvColumnMapping m, string? fileSymbol)
    {
        int ts = Column(reader, path, m.Timestamp), px = Column(reader, path, m.Price), sz = Column(reader, path, m.Size), sd = Column(reader, path, m.Side);
        int sym = fileSymbol is null ? Column(reader, path, m.Symbol!) : -1;
        int fixedSymbol = fileSymbol is null ? -1 : builder.Symbols.IdOf(fileSymbol);
        int columns = reader.Header.ColNames.Count;
        long factor = m.TimestampUnit switch { TimestampUnit.Seconds => 1_000_000_000, TimestampUnit.Milliseconds => NsPerMs, TimestampUnit.Microseconds => NsPerUs, _ => 1 };
        var sides = new Dictionary<string, Side>(m.SideValues, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        int line = 1; // the header
        foreach (SepReader.Row row in reader)
        {
            line++;
            CheckColumnCount(row, columns, columns, path, line);
            long time = ScaleTime(ParseLong(row[ts], path, line, m.Timestamp), factor, path, line, m.Timestamp);
            builder.AddRow(line, m.Timestamp, time, fixedSymbol >= 0 ? fixedSymbol : SymbolId(builder, row[sym].Span, path, line, m.Symbol!));
            builder.AddValue(0, ParseDouble(row[px], path, line, m.Price), line, m.Price);
            builder.AddValue(1, ParseDouble(row[sz], path, line, m.Size), line, m.Size);
            ReadOnlySpan<char> side = row[sd].Span;
            if (!sides.TryGetValue(side, out Side aggressor))
                throw new MarketDataException(path, line, m.Side, $"expected one of {string.Join(", ", m.SideValues.Keys)}, got {Shown(side)}");
            builder.AddSide(aggressor);
        }
    }

    private static void ReadTardisQuotes(SepReader reader, EventBuilder builder, string path)
    {
        string[] names = ["timestamp", "symbol", "bid_price", "bid_amount", "ask_price", "ask_amount"];
        Span<int> at = stackalloc int[names.Length];
        for (int i = 0; i < names.Length; i++) at[i] = Column(reader, path, names[i]);
        int columns = reader.Header.ColNames.Count;
        Span<double> values = stackalloc double[4];
        int line = 1; // the header
        foreach (SepReader.Row row in reader)
        {
            line++;
            CheckColumnCount(row, columns, columns, path, line);
            long time = ScaleTime(ParseLong(row[at[0]], path, line, names[0]), NsPerUs, path, line, names[0]);
            builder.AddRow(line, names[0], time, SymbolId(builder, row[at[1]].Span, path, line, names[1]));
            for (int v = 0; v < 4; v++)
            {
                values[v] = ParseDouble(row[at[v + 2]], path, line, names[v + 2]);
                builder.AddValue(v, values[v], line, names[v + 2]);
            }
            double bid = values[0], ask = values[2];
            if (bid > ask) throw new MarketDataException(path, line, "bid_price", $"expected the bid at or below the ask, got bid {bid} > ask {ask}");
        }
    }

    /// <summary>
    /// Whether the first line of a Binance dump (written with or without a header) is its header: its first field is the
    /// first column name. Then every field must be the expected name. A first field that is a name (a letter first, no
    /// number) cannot start a row of data (every Binance layout starts with an id or a time), so it is a header with other
    /// names and is refused as one: a header of <c>idx,…</c> was read as data and refused at its last column, as if 'is_best_match' were a
    /// value. Any other first line is data and must parse.
    /// </summary>
    private static bool IsHeader(SepReader.Row row, string[] names, string path)
    {
        ReadOnlySpan<char> first = row[0].Span.Trim();
        if (!first.Equals(names[0], StringComparison.OrdinalIgnoreCase))
        {
            // A name: a letter first and no number (a damaged first value, say NUL bytes before a digit, stays data).
            if (first.IsEmpty || !char.IsAsciiLetter(first[0]) || double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return false;
            throw new MarketDataException(path, 1, null,
                $"the header's column 1 is {Shown(first)}, expected '{names[0]}' (the columns are {string.Join(",", names)})");
        }
        for (int c = 1; c < row.ColCount; c++)
        {
            ReadOnlySpan<char> name = row[c].Span.Trim();
            if (c >= names.Length || !name.Equals(names[c], StringComparison.OrdinalIgnoreCase))
                throw new MarketDataException(path, 1, null,
                    $"the header's column {c + 1} is {Shown(name)}, expected {(c < names.Length ? $"'{names[c]}'" : "no more columns")} (the columns are {string.Join(",", names)})");
        }
        return true;
    }

    private static int Column(SepReader reader, string path, string name)
    {
        if (reader.Header.TryIndexOf(name, out int index)) return index;
        throw new MarketDataException(path, -1, name, $"missing column (the header has: {string.Join(", ", reader.Header.ColNames)})");
    }

    /// <summary>A row must have the header's column count: more means two lines were joined (a lost newline), fewer a cut line.</summary>
    private static void CheckColumnCount(SepReader.Row row, int min, int max, string path, int line)
    {
        if (row.ColCount >= min && row.ColCount <= max) return;
        // An empty line is one column of nothing: say so, rather than "got 1 (a line cut short?)".
        if (row.ColCount == 1 && row.Span.IsEmpty)
            throw new MarketDataException(path, line, null, "the line is empty (every line must be a row: remove empty lines, such as several at the end of the file)");
        string expected = min == max ? $"{min}" : $"{min} or {max}";
        string hint = row.ColCount > max ? " (two lines joined by a missing newline?)" : " (a line cut short?)";
        throw new MarketDataException(path, line, null, $"expected {expected} columns, got {row.ColCount}{hint}");
    }

    private static int SymbolId(EventBuilder builder, ReadOnlySpan<char> symbol, string path, int line, string column)
    {
        CheckSymbol(symbol, path, line, column);
        return builder.Symbols.IdOf(symbol);
    }

    /// <summary>Refuses an empty symbol, or one that is not an exchange's ASCII name (every CSV reader's symbol column; <see cref="SymbolNameRule"/>).</summary>
    internal static void CheckSymbol(ReadOnlySpan<char> symbol, string path, int line, string column)
    {
        if (SymbolNameRule.ProblemOf(symbol) is { } problem) throw new MarketDataException(path, line, column, problem);
    }

    private static long ParseLong(SepReader.Col col, string path, int line, string column)
    {
        if (col.TryParse(out long value)) return value;
        throw new MarketDataException(path, line, column, $"expected an integer, got {Shown(col.Span)}");
    }

    private static double ParseDouble(SepReader.Col col, string path, int line, string column)
    {
        if (col.TryParse(out double value)) return value;
        throw new MarketDataException(path, line, column, $"expected a number, got {Shown(col.Span)}");
    }

    /// <summary>A field as an error message shows it: quoted, control characters escaped, at most <see cref="ShownFieldLength"/> characters.</summary>
    internal static string Shown(ReadOnlySpan<char> field)
    {
        var text = new System.Text.StringBuilder(Math.Min(field.Length, ShownFieldLength) + 32).Append('\'');
        ReadOnlySpan<char> head = field.Length > ShownFieldLength ? field[..ShownFieldLength] : field;
        foreach (char c in head)
        {
            if (char.IsControl(c) || char.IsSurrogate(c)) text.Append($"\\u{(int)c:X4}");
            else text.Append(c);
        }
        text.Append('\'');
        if (field.Length > ShownFieldLength) text.Append($"... ({field.Length:N0} characters)");
        return text.ToString();
    }

    private static long ScaleTime(long value, long factor, string path, int line, string column)
    {
        if (value < 0 || value > long.MaxValue / factor)
            throw new MarketDataException(path, line, column, $"expected a timestamp between 1970 and 2262, got {value}");
        return value * factor;
    }

    /// <summary>
    /// Binance dumps use ms, newer ones µs; a value of 10^14 or more cannot be ms (year 5138), so it is µs. One below
    /// 10^11 is before March 1973 in ms, and any time before 5138 in seconds: a file in seconds (written by another tool)
    /// is refused rather than read as January 1970.
    /// </summary>
    private static long BinanceTime(long value, string path, int line, string column)
    {
        RefuseSeconds(value, path, line, column);
        return ScaleTime(value, BinanceUnit(value), path, line, column);
    }

    private static void RefuseSeconds(long value, string path, int line, string column)
    {
        if (value is >= 0 and < MinBinanceMs)
            throw new MarketDataException(path, line, column, string.Create(CultureInfo.InvariantCulture,
                $"expected milliseconds (or microseconds) since 1970, as Binance writes them, got {value}, which as milliseconds is {DateTime.UnixEpoch.AddMilliseconds(value):yyyy-MM-dd HH:mm:ss} UTC; timestamps in seconds? Convert them to milliseconds, or read the file with the generic layout and its timestamp unit"));
    }

    /// <summary>10^11 ms: 3 March 1973, and in seconds the year 5138.</summary>
    private const long MinBinanceMs = 100_000_000_000L;

    private static long BinanceUnit(long value) => value < 100_000_000_000_000L ? NsPerMs : NsPerUs;

    /// <summary>When the buyer was the maker (resting order), the seller crossed the spread: the aggressor sold.</summary>
    private static Side BuyerMakerToAggressor(ReadOnlySpan<char> text, string path, int line, string column)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) return Side.Sell;
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase)) return Side.Buy;
        throw new MarketDataException(path, line, column, $"expected true or false, got {Shown(text)}");
    }
}
