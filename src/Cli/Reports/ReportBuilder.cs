using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using Backtester.Data;
using Backtester.Results;

namespace Backtester.Cli.Reports;

/// <summary>Reads the result files present in a folder and writes a chart for each plus one HTML page embedding them all.</summary>
internal static class ReportBuilder
{
    private const int MaxPricePoints = 5_000;

    public static string Build(ReportRequest request)
    {
        ReportProvenance.Check(request.Input);
        var html = new StringBuilder();
        var charts = new List<(string Title, string File, byte[] Png)>();
        string? title = null;

        ResultTable? summary = ResultTable.Find(request.Input, "summary");
        if (summary is not null)
        {
            // CSV files carry no metadata, so no strategy name either.
            title = summary.Metadata(ResultMetadata.Keys.Strategy) is { } strategy ? $"{strategy} {summary.Metadata(ResultMetadata.Keys.Parameters)}" : "Backtest";
            // The run's warnings, as the run printed them: why a CAGR is "-" over less than a year, among others.
            var warnings = new List<string>(summary.Metadata(ResultMetadata.Keys.Warnings) is { } recorded ? recorded.Split('\n') : []);
            // A walk-forward's stitched returns over less than a year, as the walkforward command printed it (its files
            // record the windows' warnings only).
            if (summary.Metadata(ResultMetadata.Keys.Table) == "walkforward" && StitchedShortHistory(summary) is { } stitched) warnings.Add(stitched);
            foreach (string warning in warnings)
                html.Append("<p class=\"warning\">warning: ").Append(WebUtility.HtmlEncode(warning)).Append("</p>");
            html.Append("<details><summary>Every statistic</summary>").Append(KeyValueTable(summary, row: 0)).Append("</details>");
        }
        ResultTable? equity = ResultTable.Find(request.Input, "equity");
        if (equity is not null)
        {
            using MarketData? market = OpenData(request.Data ?? summary?.Metadata(ResultMetadata.Keys.DataSource));
            html.Append(Tearsheet.Build(request.Input, equity, summary, market));
            charts.Add(("Equity and drawdown", "equity.png", Charts.EquityWithDrawdown(equity.Numbers("timestamp"), equity.Numbers("equity"), equity.Numbers("drawdown"))));
        }
        if (ResultTable.Find(request.Input, "fills") is { } fills)
        {
            charts.Add(("Fills on price", "trades.png", TradesChart(fills, request.Data)));
            double[] trips = RoundTrips.Pnl(fills.Numbers("symbol_id"), fills.Numbers("side"), fills.Numbers("price"), fills.Numbers("quantity"), fills.Numbers("fee"));
            charts.Add(("Round-trip PnL", "trade_pnl.png", Charts.PnlDistribution(trips)));
        }
        if (ResultTable.Find(request.Input, "sweep") is { } sweep)
        {
            title ??= $"{sweep.Metadata(ResultMetadata.Keys.Strategy) ?? "Parameter"} sweep";
            SweepHeatmap.Add(sweep, request, charts, html);
        }
        if (ResultTable.Find(request.Input, "windows") is { } windows)
        {
            title = $"{windows.Metadata(ResultMetadata.Keys.Strategy) ?? "Strategy"} walk-forward";
            WalkForwardChart.Add(windows, equity, charts, html);
        }
        if (title is null)
            throw new UserErrorException($"--in: '{request.Input}' has none of summary, equity, fills, sweep, windows (.arrow, .parquet or .csv).");

        var files = new List<(string, byte[])>();
        foreach (var (_, file, png) in charts) files.Add((file, png));
        files.Add(("report.html", System.Text.Encoding.UTF8.GetBytes(Page(title, html.ToString(), charts))));
        // Only now, so that a report refused above leaves no empty --out folder behind.
        try
        {
            Directory.CreateDirectory(request.Output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET words a folder it cannot create as "Could not find file"; say what failed.
            throw new UserErrorException($"--out: cannot create the report folder '{request.Output}': {e.Message.ReplaceLineEndings(" ")}", e);
        }
        ReportFiles.WriteTogether(request.Output, files);
        return Path.Combine(request.Output, "report.html");
    }

    /// <summary><see cref="Annualization.ShortHistoryWarning"/> of a walk-forward's stitched summary: its returns, the recorded interval and its periods a year.</summary>
    private static string? StitchedShortHistory(ResultTable summary)
    {
        if (!summary.Has("count") || !summary.Has("periods_per_year")) return null;
        double returns = summary.Numbers("count")[0], periods = summary.Numbers("periods_per_year")[0];
        if (summary.EquitySampleInterval() is not (> 0 and long interval) || !(returns >= 0) || !(periods > 0) || double.IsInfinity(periods)) return null;
        return Annualization.ShortHistoryWarning((long)returns, interval, periods);
    }

    /// <summary>
    /// The run's data as the run read it: a file the run took with <c>--sort-if-unordered</c> is sorted here too (the
    /// result's metadata does not say whether it was), and a file in time order is the same either way.
    /// </summary>
    private static readonly MarketDataReadOptions ChartReadOptions = new() { SortIfUnordered = true };

    /// <summary>The run's market data, for the buy-and-hold benchmark: a named file or synthetic source, else none.</summary>
    private static MarketData? OpenData(string? source)
    {
        if (source is null || !(source.StartsWith(MarketDataFiles.SyntheticPrefix, StringComparison.OrdinalIgnoreCase) || File.Exists(source))) return null;
        return MarketDataInput.Open(source, ChartReadOptions);
    }

    private static byte[] TradesChart(ResultTable fills, string? dataSource)
    {
        double[] symbols = fills.Numbers("symbol_id"), times = fills.Numbers("timestamp"), prices = fills.Numbers("price"), sides = fills.Numbers("side");
        // The symbol with the most fills; the others would need a panel each.
        var counts = new Dictionary<int, int>();
        foreach (double s in symbols) counts[(int)s] = counts.GetValueOrDefault((int)s) + 1;
        int symbol = 0, best = -1;
        foreach (var (id, count) in counts)
            if (count > best || (count == best && id < symbol)) (symbol, best) = (id, count);
        var (fillTimes, fillPrices, fillSides) = (new List<double>(), new List<double>(), new List<double>());
        for (int i = 0; i < symbols.Length; i++)
            if ((int)symbols[i] == symbol) { fillTimes.Add(times[i]); fillPrices.Add(prices[i]); fillSides.Add(sides[i]); }

        // The run's provenance names its symbols ({"0":"BTCUSDT",...}); "symbol 3" only for a file without it (CSV).
        string? recorded = SymbolName(fills.Metadata(ResultMetadata.Keys.DataSymbols), symbol);
        string name = recorded ?? $"symbol {symbol}";
        double[] lineTimes = fillTimes.ToArray(), linePrices = fillPrices.ToArray();
        if (dataSource is not null)
        {
            using MarketData data = MarketDataInput.Open(dataSource, ChartReadOptions);
            int id = recorded is null ? symbol : RunSymbolIn(data, dataSource, recorded);
            if (id < data.Symbols.Count) name = data.Symbols[id];
            if (fillTimes.Count > 0) RefuseDataMissingTheFills(data, dataSource, name, fillTimes);
            (lineTimes, linePrices) = PriceLine(data, id);
        }
        return Charts.TradesOnPrice(name, lineTimes, linePrices, fillTimes.ToArray(), fillPrices.ToArray(), fillSides.ToArray());
    }

    /// <summary>
    /// The id in <paramref name="data"/> of the run's symbol <paramref name="name"/>: the ids of another file's symbol table
    /// are not the run's, and a <c>--data</c> without the symbol is not the run's data.
    /// </summary>
    private static int RunSymbolIn(MarketData data, string source, string name)
    {
        var names = new List<string>();
        for (int i = 0; i < data.Symbols.Count; i++)
        {
            if (data.Symbols[i] == name) return i;
            names.Add(data.Symbols[i]);
        }
        throw new UserErrorException($"--data {source} is not the run's data: it has no {name}, the symbol of the fills drawn (it has {string.Join(", ", names)}). Give the data the run replayed, or leave --data out to draw the fills on their own prices.");
    }

    /// <summary>Refuses a <c>--data</c> whose time span holds none of the fills drawn: another day's file, say.</summary>
    private static void RefuseDataMissingTheFills(MarketData data, string source, string name, List<double> fillTimes)
    {
        (long first, long last) = DataSpan.Of(data);
        foreach (double t in fillTimes)
            if (t >= first && t <= last) return;
        double earliest = double.MaxValue, latest = double.MinValue;
        foreach (double t in fillTimes) (earliest, latest) = (Math.Min(earliest, t), Math.Max(latest, t));
        throw new UserErrorException($"--data {source} is not the run's data: it spans {DataSpan.Iso(first)} to {DataSpan.Iso(last)}, and none of the {fillTimes.Count:N0} fills of {name} ({DataSpan.Iso(ToMs(earliest))} to {DataSpan.Iso(ToMs(latest))}) lies in it. Give the data the run replayed, or leave --data out to draw the fills on their own prices.");
    }

    /// <summary>A fill's time read as a double (exact to about 256 ns at today's epoch), shown to the millisecond.</summary>
    private static long ToMs(double ns) => (long)Math.Round(ns / 1e6) * 1_000_000;

    /// <summary>The name of symbol <paramref name="id"/> in a result's <c>backtester.data.symbols</c> JSON object, or null.</summary>
    internal static string? SymbolName(string? symbolsJson, int id)
    {
        if (symbolsJson is null) return null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(symbolsJson);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty(id.ToString(CultureInfo.InvariantCulture), out var name) && name.ValueKind == System.Text.Json.JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // damaged metadata: the chart still draws, under the id
        }
    }

    /// <summary>The symbol's trade prices (or bar closes), thinned to at most <see cref="MaxPricePoints"/> points.</summary>
    private static (double[], double[]) PriceLine(MarketData data, int symbol)
    {
        var (times, prices) = (new List<double>(), new List<double>());
        ReadOnlySpan<int> ids = data.Trades.Count > 0 ? data.Trades.SymbolIds.Span : data.Bars.SymbolIds.Span;
        ReadOnlySpan<long> stamps = data.Trades.Count > 0 ? data.Trades.Timestamps.Span : data.Bars.Timestamps.Span;
        ReadOnlySpan<double> values = data.Trades.Count > 0 ? data.Trades.Prices.Span : data.Bars.Close.Span;
        int total = 0;
        foreach (int id in ids) if (id == symbol) total++;
        int every = Math.Max(1, total / MaxPricePoints), seen = 0;
        for (int i = 0; i < ids.Length; i++)
            if (ids[i] == symbol && seen++ % every == 0) { times.Add(stamps[i]); prices.Add(values[i]); }
        return (times.ToArray(), prices.ToArray());
    }

    internal static string KeyValueTable(ResultTable table, int row)
    {
        var html = new StringBuilder("<table>");
        foreach (var field in table.Schema.FieldsList)
        {
            string value = table.Texts(field.Name)[row] ?? "";
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
                value = SummaryStatistics.TryFind(field.Name) is { } statistic ? Formatting.Human(number, statistic.Kind) : Formatting.Number(number);
            html.Append($"<tr><th>{WebUtility.HtmlEncode(field.Name)}</th><td>{WebUtility.HtmlEncode(value)}</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static string Page(string title, string body, List<(string Title, string File, byte[] Png)> charts)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(title))
            .Append("</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}")
            .Append("table{border-collapse:collapse;margin-bottom:1em}th,td{border:1px solid #ccc;padding:2px 8px;text-align:right}")
            .Append("th{text-align:left;background:#f4f4f4}img{max-width:100%;border:1px solid #eee}svg.chart{display:block;margin:0.5em 0;max-width:100%;height:auto}")
            .Append("td.up{color:#2e7d32}td.down{color:#c62828}table.heatmap td{min-width:3.5em}p.warning{background:#fff8e1;border-left:4px solid #f9a825;padding:4px 8px}</style></head><body>")
            .Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>")
            .Append(body);
        foreach (var (chartTitle, file, png) in charts)
            html.Append("<h2>").Append(WebUtility.HtmlEncode(chartTitle)).Append("</h2>")
                .Append("<img alt=\"").Append(file).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">");
        return html.Append("</body></html>").ToString();
    }
}
