using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Backtester.Data;

/// <summary>
/// Reads Binance order-book depth as Binance publishes it: a REST depth snapshot (<c>/api/v3/depth</c>, or
/// <c>/fapi/v1/depth</c>, saved as JSON: <c>lastUpdateId</c>, <c>bids</c>, <c>asks</c>) and the diff depth stream
/// (<c>&lt;symbol&gt;@depth</c> or <c>@depth@100ms</c>) recorded one WebSocket message a line (bare <c>depthUpdate</c>
/// events, or combined-stream messages <c>{"stream":…,"data":{…}}</c>; <c>.gz</c> accepted), joined by Binance's
/// documented rule for keeping a local book (see docs/data.md, "Binance depth").
/// </summary>
/// <remarks>
/// The rule: updates with <c>u</c> ≤ the snapshot's <c>lastUpdateId</c> are dropped; the first one kept must span it
/// (spot: <c>U</c> ≤ lastUpdateId + 1 ≤ <c>u</c>; futures, whose events carry <c>pu</c>: <c>U</c> ≤ lastUpdateId ≤ <c>u</c>);
/// each later one must follow the previous without a gap (spot: <c>U</c> = previous <c>u</c> + 1; futures: <c>pu</c> =
/// previous <c>u</c>). A gap, or a snapshot the stream does not reach, is an error naming the line: the recording cannot
/// rebuild the book. The snapshot's levels are stamped with the first kept update's event time and replayed as one
/// batch with it (the first row resetting the book); each update's levels are one batch at its event time (<c>E</c>, ms).
/// </remarks>
public static class BinanceDepth
{
    private const long NsPerMs = 1_000_000;

    /// <summary>
    /// Reads the depth snapshot at <paramref name="snapshotPath"/> and the diff stream recorded at
    /// <paramref name="updatesPath"/> (one symbol) into book updates.
    /// </summary>
    /// <param name="snapshotPath">The REST depth response saved as JSON.</param>
    /// <param name="updatesPath">The diff depth stream, one message a line (JSON lines, optionally gzipped).</param>
    /// <param name="symbol">The symbol's name in the result; null takes the events' <c>s</c> field.</param>
    /// <exception cref="MarketDataException">A file is malformed, a value invalid, or the stream does not continue the snapshot; the message names the file, line and field.</exception>
    public static MarketData Read(string snapshotPath, string updatesPath, string? symbol = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(snapshotPath);
        ArgumentException.ThrowIfNullOrEmpty(updatesPath);
        Snapshot snapshot = ReadSnapshot(snapshotPath);
        var builder = new BookBuilder(updatesPath, sortIfUnordered: false, sortable: false);
        int symbolId = -1;
        string? streamSymbol = null;
        long previous = -1; // u of the last update applied; -1 before the first
        using Stream stream = CsvMarketData.OpenStream(updatesPath, out long length);
        if (length == 0) throw new MarketDataException(updatesPath, -1, null, "the file is empty");
        using var reader = new StreamReader(stream);
        var lines = new BoundedLineReader(reader, updatesPath, MarketDataLimits.MaxJsonLineLength);
        string? text;
        while ((text = lines.ReadLine()) is not null)
        {
            long line = lines.Line;
            if (string.IsNullOrWhiteSpace(text)) continue;
            using JsonDocument document = Parse(text, updatesPath, line);
            JsonElement e = document.RootElement;
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("data", out JsonElement data)) e = data;
            if (e.ValueKind != JsonValueKind.Object)
                throw new MarketDataException(updatesPath, line, null, "expected a depthUpdate object (or a combined-stream message with one in 'data')");
            string type = String(e, "e", updatesPath, line);
            if (type != "depthUpdate")
                throw new MarketDataException(updatesPath, line, "e", $"expected 'depthUpdate', got '{type}'");
            string s = String(e, "s", updatesPath, line);
            if (streamSymbol is null)
            {
                streamSymbol = s;
                symbolId = builder.Symbols.IdOf(symbol ?? s);
            }
            else if (s != streamSymbol)
                throw new MarketDataException(updatesPath, line, "s", $"expected one symbol per file, '{streamSymbol}', got '{s}'");
            long first = Id(e, "U", updatesPath, line), last = Id(e, "u", updatesPath, line);
            if (last < first) throw new MarketDataException(updatesPath, line, "u", $"the final update id {last} is below the first, U = {first}");
            bool futures = e.TryGetProperty("pu", out JsonElement puElement);
            // Older than the snapshot (spot: u <= lastUpdateId; futures: u < lastUpdateId): dropped, until one is kept.
            if (previous < 0 && (futures ? last < snapshot.LastUpdateId : last <= snapshot.LastUpdateId)) continue;
            if (previous < 0)
            {
                // The first update kept must span the snapshot.
                bool spans = futures
                    ? first <= snapshot.LastUpdateId && snapshot.LastUpdateId <= last
                    : first <= snapshot.LastUpdateId + 1 && snapshot.LastUpdateId + 1 <= last;
                if (!spans)
                    throw new MarketDataException(updatesPath, line, "U",
                        $"the first update after the snapshot ({snapshotPath}, lastUpdateId {snapshot.LastUpdateId}) covers ids {first}..{last}, " +
                        $"which do not include {(futures ? snapshot.LastUpdateId : snapshot.LastUpdateId + 1)}: the snapshot is older than the recording; take a snapshot after the stream starts");
            }
            else if (futures)
            {
                long pu = IdValue(puElement, "pu", updatesPath, line);
                if (pu != previous)
                    throw new MarketDataException(updatesPath, line, "pu", $"expected pu = {previous} (the previous event's u), got {pu}: updates are missing");
            }
            else if (first != previous + 1)
                throw new MarketDataException(updatesPath, line, "U",
                    first > previous + 1
                        ? $"expected U = {previous + 1} (the previous event's u + 1), got {first}: updates {previous + 1}..{first - 1} are missing"
                        : $"expected U = {previous + 1} (the previous event's u + 1), got {first}: the update overlaps the previous one");
            long time = Time(e, updatesPath, line);
            builder.CheckTime(line, "E", time, symbolId);
            if (previous < 0)
            {
                // The snapshot, as one batch with the first update: the book is consistent after both.
                BookUpdateFlags flags = BookUpdateFlags.Reset | BookUpdateFlags.Snapshot;
                foreach (var (side, price, size) in snapshot.Levels)
                {
                    builder.Add(line, time, symbolId, side, price, "snapshot", size, "snapshot", flags);
                    flags = BookUpdateFlags.Snapshot;
                }
            }
            AddLevels(builder, e, "b", BookSide.Bid, time, symbolId, updatesPath, line);
            AddLevels(builder, e, "a", BookSide.Ask, time, symbolId, updatesPath, line);
            previous = last;
        }
        if (previous < 0)
            throw new MarketDataException(updatesPath, -1, null,
                streamSymbol is null
                    ? "the file has no depth updates"
                    : $"no update follows the snapshot ({snapshotPath}, lastUpdateId {snapshot.LastUpdateId}): every update is older; take the snapshot after the stream starts");
        return builder.Build();
    }

    private readonly record struct Snapshot(long LastUpdateId, (BookSide Side, double Price, double Size)[] Levels);

    /// <summary>The REST snapshot: bids strictly falling, asks strictly rising, sizes positive, not crossed.</summary>
    private static Snapshot ReadSnapshot(string path)
    {
        string text;
        try
        {
            long bytes = new FileInfo(path).Length;
            if (bytes > MarketDataLimits.MaxJsonLineLength)
                throw new MarketDataException(path, -1, null,
                    $"the snapshot is {bytes:N0} bytes; the limit is {MarketDataLimits.MaxJsonLineLength:N0} (MarketDataLimits.{nameof(MarketDataLimits.MaxJsonLineLength)}); is it a depth snapshot?");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MarketDataException(path, -1, null, $"cannot read the snapshot: {e.Message}", e);
        }
        if (text.Length == 0) throw new MarketDataException(path, -1, null, "the file is empty");
        using JsonDocument document = Parse(text, path, 1);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new MarketDataException(path, 1, null, "expected a depth snapshot object with lastUpdateId, bids and asks");
        if (!root.TryGetProperty("lastUpdateId", out JsonElement id))
            throw new MarketDataException(path, 1, "lastUpdateId", "missing: expected the REST depth response (/api/v3/depth)");
        long lastUpdateId = IdValue(id, "lastUpdateId", path, 1);
        var bids = Levels(root, "bids", path);
        var asks = Levels(root, "asks", path);
        for (int i = 1; i < bids.Length; i++)
            if (!(bids[i].Price < bids[i - 1].Price))
                throw new MarketDataException(path, 1, $"bids[{i}]", $"expected bids in falling price order, got {bids[i].Price} after {bids[i - 1].Price}");
        for (int i = 1; i < asks.Length; i++)
            if (!(asks[i].Price > asks[i - 1].Price))
                throw new MarketDataException(path, 1, $"asks[{i}]", $"expected asks in rising price order, got {asks[i].Price} after {asks[i - 1].Price}");
        if (bids.Length > 0 && asks.Length > 0 && !(bids[0].Price < asks[0].Price))
            throw new MarketDataException(path, 1, "asks[0]", $"the book is crossed: best bid {bids[0].Price}, best ask {asks[0].Price}");
        var levels = new (BookSide, double, double)[bids.Length + asks.Length];
        for (int i = 0; i < bids.Length; i++) levels[i] = (BookSide.Bid, bids[i].Price, bids[i].Size);
        for (int i = 0; i < asks.Length; i++) levels[bids.Length + i] = (BookSide.Ask, asks[i].Price, asks[i].Size);
        return new Snapshot(lastUpdateId, levels);
    }

    private static (double Price, double Size)[] Levels(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            throw new MarketDataException(path, 1, name, "expected an array of [price, quantity] pairs");
        var levels = new (double, double)[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement level in array.EnumerateArray())
        {
            string column = $"{name}[{i}]";
            var (price, size) = Pair(level, path, 1, column);
            if (!(price > 0) || double.IsInfinity(price)) throw new MarketDataException(path, 1, column, $"expected a positive finite price, got {price}");
            if (!(size > 0) || double.IsInfinity(size)) throw new MarketDataException(path, 1, column, $"expected a positive finite quantity in a snapshot, got {size}");
            levels[i++] = (price, size);
        }
        return levels;
    }

    private static void AddLevels(BookBuilder builder, JsonElement e, string name, BookSide side, long time, int symbolId, string path, long line)
    {
        if (!e.TryGetProperty(name, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            throw new MarketDataException(path, line, name, "expected an array of [price, quantity] pairs");
        int i = 0;
        foreach (JsonElement level in array.EnumerateArray())
        {
            string column = $"{name}[{i++}]";
            var (price, size) = Pair(level, path, line, column);
            builder.Add(line, time, symbolId, side, price, column, size, column, BookUpdateFlags.None); // checks price > 0, size >= 0
        }
    }

    private static (double Price, double Size) Pair(JsonElement level, string path, long line, string column)
    {
        if (level.ValueKind != JsonValueKind.Array || level.GetArrayLength() != 2)
            throw new MarketDataException(path, line, column, "expected a [price, quantity] pair");
        return (Number(level[0], path, line, column), Number(level[1], path, line, column));
    }

    /// <summary>A decimal string, as Binance writes prices and quantities (a plain JSON number is accepted too).</summary>
    private static double Number(JsonElement value, string path, long line, string column)
    {
        if (value.ValueKind == JsonValueKind.Number) return value.GetDouble();
        if (value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double d)
            && double.IsFinite(d))
            return d;
        throw new MarketDataException(path, line, column, $"expected a decimal number, got {value.GetRawText()}");
    }

    private static long Id(JsonElement e, string name, string path, long line)
    {
        if (!e.TryGetProperty(name, out JsonElement value))
            throw new MarketDataException(path, line, name, "missing");
        return IdValue(value, name, path, line);
    }

    private static long IdValue(JsonElement value, string name, string path, long line) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long id) && id >= 0
            ? id
            : throw new MarketDataException(path, line, name, $"expected a non-negative whole number, got {value.GetRawText()}");

    private static long Time(JsonElement e, string path, long line)
    {
        long ms = Id(e, "E", path, line);
        return ms <= long.MaxValue / NsPerMs
            ? ms * NsPerMs
            : throw new MarketDataException(path, line, "E", $"event time {ms} ms is past the range of ns timestamps");
    }

    private static string String(JsonElement e, string name, string path, long line) =>
        e.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new MarketDataException(path, line, name, "expected a string");

    private static JsonDocument Parse(string text, string path, long line)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new MarketDataException(path, line, null, $"not valid JSON: {e.Message}", e);
        }
    }
}
