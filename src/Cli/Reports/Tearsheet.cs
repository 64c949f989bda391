using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using Backtester.Data;

namespace Backtester.Cli.Reports;

/// <summary>
/// The tearsheet part of a run's report, after Lean's report and quantstats: key metrics, cumulative returns against
/// buy-and-hold of the traded symbols, the underwater curve, monthly and yearly returns, the worst drawdowns, rolling
/// Sharpe and volatility, the distribution of returns, round-trip statistics and the trade list, per-symbol results.
/// Charts are inline SVG; numbers are percentages, money and human durations; symbols by name.
/// </summary>
internal static class Tearsheet
{
    private const int MaxTrades = 100;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Build(string folder, ResultTable equity, ResultTable? summary, MarketData? data)
    {
        var html = new StringBuilder();
        double[] t = equity.Numbers("timestamp"), e = equity.Numbers("equity"), r = equity.Numbers("return"), dd = equity.Numbers("drawdown");
        double initial = summary is not null && summary.Has("initial_capital") ? summary.Numbers("initial_capital")[0] : (e.Length > 0 ? e[0] / (1 + r[0]) : 1);
        if (summary is not null) html.Append("<h2>Key metrics</h2>").Append(KeyMetrics(summary));
        if (t.Length == 0) return html.Append("<p>No equity samples: the run was shorter than one sampling interval.</p>").ToString();

        // Cumulative returns against buy-and-hold of the traded symbols (equal weights), when the data is at hand.
        double[] cumulative = Array.ConvertAll(e, v => v / initial - 1);
        var chart = new SvgChart("Cumulative return").TimeX().YLabels(Percent).Line("strategy", "#1565c0", t, cumulative);
        ResultTable? symbols = Optional(folder, "symbols");
        if (data is not null && symbols is not null && BuyAndHold(data, symbols, t) is { } benchmark)
            chart.Line("buy and hold (traded symbols)", "#9e9e9e", t, benchmark);
        html.Append("<h2>Cumulative return</h2>").Append(chart.Render());
        // The curve and the worst drawdowns are of the samples; the key metrics' maximum is over every event, so deeper
        // when the trough fell between samples: each says which it is.
        double interval = t.Length > 1 ? t[1] - t[0] : 86_400e9, perYear = 365 * 86_400e9 / interval;
        string sampled = $"sampled every {Formatting.Duration((long)interval)}";
        html.Append("<h2>Underwater</h2>").Append(new SvgChart($"Drawdown from the running peak, {sampled}").TimeX().YLabels(Percent).Line("drawdown", "#c62828", t, Array.ConvertAll(dd, v => -v), fill: true).Render());

        html.Append("<h2>Monthly returns</h2>").Append(MonthlyTable(t, e, initial));
        var years = PeriodReturns(t, e, initial, ns => Date(ns - 1).Year.ToString(C));
        html.Append("<h2>Yearly returns</h2>").Append(new SvgChart("Return by calendar year", height: 220).YLabels(Percent).Bars(years.Select(y => y.Key).ToArray(), years.Select(y => y.Value).ToArray()).Render());
        html.Append($"<h2>Worst drawdowns ({sampled})</h2>").Append(WorstDrawdowns(t, e, initial));

        int window = Math.Clamp(r.Length / 4, 5, 30);
        (double[] sharpe, double[] vol) = Rolling(r, window, perYear);
        html.Append("<h2>Rolling Sharpe and volatility</h2>")
            .Append(new SvgChart($"Rolling Sharpe ratio ({window} samples of {Formatting.Duration((long)interval)})").TimeX().Line("Sharpe", "#6a1b9a", t, sharpe).Render())
            .Append(new SvgChart($"Rolling annualized volatility ({window} samples)").TimeX().YLabels(Percent).Line("volatility", "#ef6c00", t, vol).Render());
        (string[] bins, double[] counts) = Histogram(r, 30);
        html.Append("<h2>Distribution of returns</h2>").Append(new SvgChart($"Returns per {Formatting.Duration((long)interval)} ({r.Length:N0} samples)", height: 240).YLabels(v => v.ToString("0", C)).Bars(bins, counts).Render());

        if (Optional(folder, "round_trips") is { } trips) html.Append("<h2>Round trips</h2>").Append(TripStatistics(trips)).Append("<h3>Trade list</h3>").Append(TradeList(trips));
        if (symbols is not null) html.Append("<h2>By symbol</h2>").Append(SymbolTable(symbols));
        return html.ToString();
    }

    private static ResultTable? Optional(string folder, string name) => ResultTable.Find(folder, name);

    private static string Percent(double v) => (v * 100).ToString(Math.Abs(v) < 0.01 && v != 0 ? "0.00" : "0.0", C) + "%";

    private static DateTime Date(double ns) => DateTime.UnixEpoch.AddTicks((long)(ns / 100));

    private static string KeyMetrics(ResultTable summary)
    {
        string[] names = ["net_pnl", "return", "cagr", "sharpe", "sortino", "calmar", "annualized_volatility", "max_drawdown_percent",
            "max_drawdown_duration_ns", "exposure", "round_trips", "win_rate", "profit_factor", "fees", "turnover", "final_equity"];
        var html = new StringBuilder("<table class=\"metrics\">");
        foreach (string name in names)
        {
            if (!summary.Has(name) || SummaryStatistics.TryFind(name) is not { } statistic) continue;
            html.Append(C, $"<tr><th>{Label(name)}</th><td>{WebUtility.HtmlEncode(Formatting.Human(summary.Numbers(name)[0], statistic.Kind))}</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static string Label(string name) => name switch
    {
        "net_pnl" => "Net PnL",
        "cagr" => "CAGR",
        "annualized_volatility" => "Volatility (annualized)",
        "max_drawdown_percent" => "Max drawdown (every event)",
        "max_drawdown_duration_ns" => "Longest drawdown",
        _ => char.ToUpperInvariant(name[0]) + name[1..].Replace('_', ' '),
    };

    /// <summary>Equal-weighted buy-and-hold of the symbols with fills, marked at the last price at or before each sample.</summary>
    private static double[]? BuyAndHold(MarketData data, ResultTable symbols, double[] times)
    {
        var traded = new List<int>();
        double[] fills = symbols.Numbers("fills"), ids = symbols.Numbers("symbol_id");
        for (int i = 0; i < ids.Length; i++) if (fills[i] > 0 && ids[i] < data.Symbols.Count) traded.Add((int)ids[i]);
        if (traded.Count == 0) return null;
        bool trades = data.Trades.Count > 0;
        ReadOnlySpan<long> stamps = trades ? data.Trades.Timestamps.Span : data.Bars.Timestamps.Span;
        ReadOnlySpan<int> symbolIds = trades ? data.Trades.SymbolIds.Span : data.Bars.SymbolIds.Span;
        ReadOnlySpan<double> prices = trades ? data.Trades.Prices.Span : data.Bars.Close.Span;
        var first = new double[data.Symbols.Count];
        var last = new double[data.Symbols.Count];
        var result = new double[times.Length];
        int row = 0;
        for (int k = 0; k < times.Length; k++)
        {
            for (; row < stamps.Length && stamps[row] <= times[k]; row++)
            {
                if (first[symbolIds[row]] == 0) first[symbolIds[row]] = prices[row];
                last[symbolIds[row]] = prices[row];
            }
            double sum = 0;
            foreach (int s in traded) sum += first[s] > 0 ? last[s] / first[s] - 1 : 0;
            result[k] = sum / traded.Count;
        }
        return result;
    }

    /// <summary>Returns per period (key), from the last equity of the previous period (or the initial capital).</summary>
    private static List<KeyValuePair<string, double>> PeriodReturns(double[] t, double[] e, double initial, Func<double, string> key)
    {
        var result = new List<KeyValuePair<string, double>>();
        double start = initial;
        for (int i = 0; i < t.Length; i++)
        {
            bool lastOfPeriod = i + 1 == t.Length || key(t[i + 1]) != key(t[i]);
            if (!lastOfPeriod) continue;
            result.Add(new(key(t[i]), e[i] / start - 1));
            start = e[i];
        }
        return result;
    }

    private static string MonthlyTable(double[] t, double[] e, double initial)
    {
        // A sample at a boundary holds the equity of the period before it: attribute it to the instant just before.
        var months = PeriodReturns(t, e, initial, ns => Date(ns - 1).ToString("yyyy-MM", C));
        var years = PeriodReturns(t, e, initial, ns => Date(ns - 1).Year.ToString(C)).ToDictionary(p => p.Key, p => p.Value);
        var html = new StringBuilder("<table class=\"heatmap\"><tr><th>Year</th>");
        foreach (string m in CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames[..12]) html.Append("<th>").Append(m).Append("</th>");
        html.Append("<th>Year</th></tr>");
        foreach (var year in months.GroupBy(m => m.Key[..4]))
        {
            html.Append("<tr><th>").Append(year.Key).Append("</th>");
            var byMonth = year.ToDictionary(m => int.Parse(m.Key[5..], C), m => m.Value);
            for (int month = 1; month <= 12; month++)
                html.Append(byMonth.TryGetValue(month, out double v) ? Cell(v) : "<td></td>");
            html.Append(Cell(years[year.Key])).Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static string Cell(double v)
    {
        double strength = Math.Min(1, Math.Abs(v) / 0.1);
        string color = v >= 0 ? $"rgba(46,125,50,{0.15 + 0.6 * strength:0.00})" : $"rgba(198,40,40,{0.15 + 0.6 * strength:0.00})";
        return string.Create(C, $"<td style=\"background:{color}\">{Percent(v)}</td>");
    }

    private static string WorstDrawdowns(double[] t, double[] e, double initial)
    {
        var periods = new List<(double Start, double Trough, double End, double Depth)>();
        double peak = initial, peakTime = t[0], troughValue = initial, troughTime = t[0];
        bool inDrawdown = false;
        for (int i = 0; i < e.Length; i++)
        {
            if (e[i] >= peak)
            {
                if (inDrawdown) periods.Add((peakTime, troughTime, t[i], 1 - troughValue / peak));
                inDrawdown = false;
                peak = e[i];
                peakTime = t[i];
                continue;
            }
            if (!inDrawdown) { inDrawdown = true; troughValue = e[i]; troughTime = t[i]; }
            if (e[i] < troughValue) { troughValue = e[i]; troughTime = t[i]; }
        }
        if (inDrawdown) periods.Add((peakTime, troughTime, double.NaN, 1 - troughValue / peak));
        var html = new StringBuilder("<table><tr><th>#</th><th>Started</th><th>Trough</th><th>Recovered</th><th>Depth</th><th>Length</th></tr>");
        int n = 0;
        foreach (var p in periods.OrderByDescending(p => p.Depth).Take(5))
            html.Append(C, $"<tr><td>{++n}</td><td>{Iso(p.Start)}</td><td>{Iso(p.Trough)}</td><td>{(double.IsNaN(p.End) ? "not yet" : Iso(p.End))}</td><td>{Percent(-p.Depth)}</td><td>{Formatting.Duration((long)((double.IsNaN(p.End) ? t[^1] : p.End) - p.Start))}</td></tr>");
        if (n == 0) html.Append("<tr><td colspan=\"6\">no drawdown</td></tr>");
        return html.Append("</table>").ToString();
    }

    private static string Iso(double ns) => Date(ns).ToString("yyyy-MM-dd HH:mm", C);

    private static (double[] Sharpe, double[] Volatility) Rolling(double[] r, int window, double perYear)
    {
        var sharpe = new double[r.Length];
        var vol = new double[r.Length];
        for (int i = 0; i < r.Length; i++)
        {
            if (i + 1 < window) { sharpe[i] = vol[i] = double.NaN; continue; }
            double mean = 0, m2 = 0;
            for (int k = i + 1 - window; k <= i; k++) mean += r[k];
            mean /= window;
            for (int k = i + 1 - window; k <= i; k++) m2 += (r[k] - mean) * (r[k] - mean);
            double std = Math.Sqrt(m2 / (window - 1));
            sharpe[i] = std > 0 ? mean / std * Math.Sqrt(perYear) : double.NaN;
            vol[i] = std * Math.Sqrt(perYear);
        }
        return (sharpe, vol);
    }

    private static (string[] Labels, double[] Counts) Histogram(double[] r, int bins)
    {
        double min = r.Min(), max = r.Max();
        if (max - min < 1e-15) max = min + 1e-9;
        var counts = new double[bins];
        foreach (double v in r) counts[Math.Min(bins - 1, (int)((v - min) / (max - min) * bins))]++;
        var labels = new string[bins];
        for (int i = 0; i < bins; i++) labels[i] = Percent(min + (i + 0.5) * (max - min) / bins);
        return (labels, counts);
    }

    private static string TripStatistics(ResultTable trips)
    {
        double[] pnl = trips.Numbers("pnl"), duration = trips.Numbers("duration_ns"), ret = trips.Numbers("return");
        if (pnl.Length == 0) return "<p>No closed round trips.</p>";
        double[] wins = pnl.Where(p => p > 0).ToArray(), losses = pnl.Where(p => p < 0).ToArray();
        var rows = new List<(string, string)>
        {
            ("Round trips", pnl.Length.ToString("N0", C)),
            ("Win rate", Percent((double)wins.Length / pnl.Length)),
            ("Average win", wins.Length == 0 ? "-" : wins.Average().ToString("N2", C)),
            ("Average loss", losses.Length == 0 ? "-" : losses.Average().ToString("N2", C)),
            ("Profit factor", losses.Length == 0 ? "∞" : (wins.Sum() / -losses.Sum()).ToString("N2", C)),
            ("Best trip", pnl.Max().ToString("N2", C)),
            ("Worst trip", pnl.Min().ToString("N2", C)),
            ("Average return per trip", Percent(ret.Average())),
            ("Average holding time", Formatting.Duration((long)duration.Average())),
            ("Longest holding time", Formatting.Duration((long)duration.Max())),
        };
        var html = new StringBuilder("<table>");
        foreach (var (name, value) in rows) html.Append(C, $"<tr><th>{name}</th><td>{WebUtility.HtmlEncode(value)}</td></tr>");
        return html.Append("</table>").ToString();
    }

    private static string TradeList(ResultTable trips)
    {
        string?[] symbols = trips.Texts("symbol");
        double[] direction = trips.Numbers("direction"), opened = trips.Numbers("opened_at"), closed = trips.Numbers("closed_at"), duration = trips.Numbers("duration_ns");
        double[] qty = trips.Numbers("max_quantity"), entry = trips.Numbers("entry_price"), exit = trips.Numbers("exit_price"), pnl = trips.Numbers("pnl"), ret = trips.Numbers("return");
        var html = new StringBuilder("<table class=\"trades\"><tr><th>Symbol</th><th>Side</th><th>Opened</th><th>Closed</th><th>Held</th><th>Quantity</th><th>Entry</th><th>Exit</th><th>PnL</th><th>Return</th></tr>");
        for (int i = 0; i < Math.Min(MaxTrades, pnl.Length); i++)
            html.Append(C, $"<tr><td>{WebUtility.HtmlEncode(symbols[i] ?? "")}</td><td>{(direction[i] > 0 ? "long" : "short")}</td><td>{Iso(opened[i])}</td><td>{Iso(closed[i])}</td><td>{Formatting.Duration((long)duration[i])}</td><td>{qty[i]:0.#####}</td><td>{entry[i]:N2}</td><td>{exit[i]:N2}</td><td class=\"{(pnl[i] >= 0 ? "up" : "down")}\">{pnl[i]:N2}</td><td>{Percent(ret[i])}</td></tr>");
        if (pnl.Length > MaxTrades) html.Append(C, $"<tr><td colspan=\"10\">… and {pnl.Length - MaxTrades:N0} more in round_trips.arrow</td></tr>");
        return html.Append("</table>").ToString();
    }

    private static string SymbolTable(ResultTable symbols)
    {
        string?[] names = symbols.Texts("symbol");
        double[] net = symbols.Numbers("net_pnl"), fees = symbols.Numbers("fees"), trips = symbols.Numbers("round_trips"), winRate = symbols.Numbers("win_rate"), hold = symbols.Numbers("buy_and_hold_return");
        var html = new StringBuilder("<table><tr><th>Symbol</th><th>Net PnL</th><th>Fees</th><th>Round trips</th><th>Win rate</th><th>Buy and hold</th></tr>");
        for (int i = 0; i < names.Length; i++)
            html.Append(C, $"<tr><td>{WebUtility.HtmlEncode(names[i] ?? "")}</td><td>{net[i]:N2}</td><td>{fees[i]:N2}</td><td>{trips[i]:N0}</td><td>{Formatting.Human(winRate[i], StatisticKind.Percent)}</td><td>{Formatting.Human(hold[i], StatisticKind.Percent)}</td></tr>");
        return html.Append("</table>").ToString();
    }
}
