using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using ScottPlot;

namespace Backtester.Cli.Reports;

/// <summary>
/// The walk-forward part of a report (from <c>walkforward</c>'s windows.arrow and equity.arrow): the stitched
/// out-of-sample equity with each window's start marked, the in-sample against the out-of-sample Sharpe ratio per
/// window, and the windows as a table.
/// </summary>
internal static class WalkForwardChart
{
    public static void Add(ResultTable windows, ResultTable? equity, List<(string Title, string File, byte[] Png)> charts, StringBuilder html)
    {
        double[] starts = windows.Numbers("out_of_sample_start"), isSharpe = windows.Numbers("in_sample_sharpe"), oosSharpe = windows.Numbers("out_of_sample_sharpe");
        if (equity is not null) charts.Add(("Walk-forward: stitched out-of-sample equity", "walkforward_equity.png", Equity(equity.Numbers("timestamp"), equity.Numbers("equity"), starts)));
        charts.Add(("Walk-forward: in-sample vs out-of-sample Sharpe", "walkforward_sharpe.png", Sharpe(isSharpe, oosSharpe)));

        string?[] parameters = windows.Texts("parameters");
        double[] dsr = windows.Numbers("in_sample_deflated_sharpe"), pnl = windows.Numbers("out_of_sample_net_pnl");
        // Headers and cells as the walkforward command's windows table shows them.
        html.Append("<h2>Walk-forward windows</h2><table><tr><th>#</th><th>out-of-sample start</th><th>parameters</th><th>IS Sharpe</th><th>IS DSR %</th><th>OOS Sharpe</th><th>OOS Net PnL</th></tr>");
        for (int w = 0; w < windows.Rows; w++)
            html.Append($"<tr><td>{w}</td><td>{DataSpan.Iso((long)starts[w])}</td><td>{WebUtility.HtmlEncode(parameters[w] ?? "")}</td><td>{Formatting.Human(isSharpe[w], StatisticKind.Ratio)}</td>")
                .Append($"<td>{Formatting.Human(dsr[w], StatisticKind.Percent)}</td><td>{Formatting.Human(oosSharpe[w], StatisticKind.Ratio)}</td><td>{Formatting.Human(pnl[w], StatisticKind.Money)}</td></tr>");
        html.Append("</table>");
    }

    private static byte[] Equity(double[] timestamps, double[] equity, double[] windowStarts)
    {
        var all = new List<double>(timestamps);
        all.AddRange(windowStarts);
        TimeAxis axis = TimeAxis.For(all.ToArray());
        var plot = new Plot();
        plot.Add.ScatterLine(axis.Scale(timestamps), equity, Colors.SteelBlue).LineWidth = 2;
        foreach (double start in windowStarts)
        {
            var line = plot.Add.VerticalLine(axis.Scale(start), 1, Colors.Gray);
            line.LinePattern = LinePattern.Dashed;
        }
        plot.Title("Stitched out-of-sample equity (dashed: window starts)");
        plot.YLabel("equity");
        plot.XLabel(axis.Label);
        return plot.GetImageBytes(Charts.Width, Charts.Height, ImageFormat.Png);
    }

    private static byte[] Sharpe(double[] inSample, double[] outOfSample)
    {
        var plot = new Plot();
        var bars = new List<ScottPlot.Bar>();
        for (int w = 0; w < inSample.Length; w++)
        {
            bars.Add(new ScottPlot.Bar { Position = w - 0.2, Value = Finite(inSample[w]), Size = 0.38, FillColor = Colors.SteelBlue });
            bars.Add(new ScottPlot.Bar { Position = w + 0.2, Value = Finite(outOfSample[w]), Size = 0.38, FillColor = Colors.DarkOrange });
        }
        plot.Add.Bars(bars);
        plot.Add.HorizontalLine(0, 1, Colors.Black);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int w = 0; w < inSample.Length; w++) ticks.AddMajor(w, w.ToString(System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "in sample (chosen)", FillColor = Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "out of sample", FillColor = Colors.DarkOrange });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title("Sharpe ratio per window");
        plot.XLabel("window");
        plot.YLabel("annualized Sharpe");
        return plot.GetImageBytes(Charts.Width, Charts.Height, ImageFormat.Png);
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
