using System;
using System.Collections.Generic;
using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace Backtester.Cli.Reports;

/// <summary>The report's charts, drawn with ScottPlot and returned as PNG bytes.</summary>
internal static class Charts
{
    public const int Width = 1000;
    public const int Height = 600;

    /// <summary>Equity over time, with its drawdown (percent below the running peak) in a panel underneath.</summary>
    public static byte[] EquityWithDrawdown(double[] timestamps, double[] equity, double[] drawdown)
    {
        TimeAxis axis = TimeAxis.For(timestamps);
        double[] x = axis.Scale(timestamps);

        var top = new Plot();
        top.Add.ScatterLine(x, equity, Colors.SteelBlue).LineWidth = 2;
        top.Title("Equity");
        top.YLabel("equity");
        top.XLabel(axis.Label);

        var bottom = new Plot();
        double[] under = Array.ConvertAll(drawdown, d => -100 * d);
        var fill = bottom.Add.FillY(x, under, new double[x.Length]);
        fill.FillColor = Colors.Crimson.WithAlpha(0.4);
        fill.LineColor = Colors.Crimson;
        bottom.Title("Drawdown");
        bottom.YLabel("% below peak");
        bottom.XLabel(axis.Label);
        return Stack(top, bottom, Height + 100);
    }

    /// <summary>A price line with buy (green, up) and sell (red, down) markers at the fills.</summary>
    public static byte[] TradesOnPrice(string symbol, double[] priceTimes, double[] prices, double[] fillTimes, double[] fillPrices, double[] fillSides)
    {
        var all = new List<double>(priceTimes);
        all.AddRange(fillTimes);
        TimeAxis axis = TimeAxis.For(all.ToArray());
        var plot = new Plot();
        plot.Add.ScatterLine(axis.Scale(priceTimes), prices, Colors.Gray).LineWidth = 1;
        var buys = (X: new List<double>(), Y: new List<double>());
        var sells = (X: new List<double>(), Y: new List<double>());
        for (int i = 0; i < fillTimes.Length; i++)
        {
            var target = fillSides[i] > 0 ? buys : sells;
            target.X.Add(axis.Scale(fillTimes[i]));
            target.Y.Add(fillPrices[i]);
        }
        var buyMarkers = plot.Add.Markers(buys.X.ToArray(), buys.Y.ToArray(), MarkerShape.FilledTriangleUp, 7, Colors.ForestGreen);
        buyMarkers.LegendText = $"buy ({buys.X.Count:N0})";
        var sellMarkers = plot.Add.Markers(sells.X.ToArray(), sells.Y.ToArray(), MarkerShape.FilledTriangleDown, 7, Colors.Crimson);
        sellMarkers.LegendText = $"sell ({sells.X.Count:N0})";
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title($"Fills on {symbol}");
        plot.YLabel("price");
        plot.XLabel(axis.Label);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>A histogram of round-trip PnL, wins green and losses red.</summary>
    public static byte[] PnlDistribution(double[] pnl)
    {
        var plot = new Plot();
        plot.Title($"Round-trip PnL, net of fees ({pnl.Length:N0} trips)");
        plot.XLabel("PnL per round trip");
        plot.YLabel("round trips");
        if (pnl.Length > 0)
        {
            double min = double.MaxValue, max = double.MinValue;
            foreach (double v in pnl) { min = Math.Min(min, v); max = Math.Max(max, v); }
            if (max <= min) { min -= 0.5; max += 0.5; }
            int bins = Math.Clamp((int)Math.Sqrt(pnl.Length) * 2, 10, 60);
            double width = (max - min) / bins;
            var counts = new double[bins];
            foreach (double v in pnl) counts[Math.Min(bins - 1, (int)((v - min) / width))]++;
            var bars = new List<ScottPlot.Bar>();
            for (int b = 0; b < bins; b++)
            {
                double center = min + (b + 0.5) * width;
                bars.Add(new ScottPlot.Bar { Position = center, Value = counts[b], Size = width * 0.95, FillColor = center >= 0 ? Colors.ForestGreen : Colors.Crimson });
            }
            plot.Add.Bars(bars);
            plot.Add.VerticalLine(0, 1, Colors.Black);
            plot.Axes.Margins(bottom: 0);
        }
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>A heatmap of <paramref name="values"/>[y, x], labelled with the parameter values.</summary>
    public static byte[] Heatmap(string title, string xName, string[] xValues, string yName, string[] yValues, double[,] values)
    {
        var plot = new Plot();
        // ScottPlot draws row 0 at the top; flip so the smallest y value is at the bottom, as on any axis.
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var flipped = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) flipped[rows - 1 - r, c] = values[r, c];
        var heatmap = plot.Add.Heatmap(flipped);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Colors.LightGray;
        plot.Add.ColorBar(heatmap);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                if (double.IsFinite(values[r, c]))
                {
                    var text = plot.Add.Text(values[r, c].ToString("0.##", CultureInfo.InvariantCulture), c, r);
                    text.LabelFontColor = Colors.White;
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontSize = 11;
                }
        plot.Axes.Bottom.TickGenerator = Ticks(xValues);
        plot.Axes.Left.TickGenerator = Ticks(yValues);
        plot.Title(title);
        plot.XLabel(xName);
        plot.YLabel(yName);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static ScottPlot.TickGenerators.NumericManual Ticks(string[] labels)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < labels.Length; i++) ticks.AddMajor(i, labels[i]);
        return ticks;
    }

    /// <summary>Two plots one above the other (the upper one taller) in one PNG.</summary>
    private static byte[] Stack(Plot top, Plot bottom, int height)
    {
        int split = height * 3 / 5;
        using var surface = SKSurface.Create(new SKImageInfo(Width, height));
        surface.Canvas.Clear(SKColors.White);
        // Each plot fills its whole canvas with its background, so each is drawn to its own image first.
        using (SKBitmap upper = SKBitmap.Decode(top.GetImageBytes(Width, split, ImageFormat.Png)))
            surface.Canvas.DrawBitmap(upper, 0, 0);
        using (SKBitmap lower = SKBitmap.Decode(bottom.GetImageBytes(Width, height - split, ImageFormat.Png)))
            surface.Canvas.DrawBitmap(lower, 0, split);
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
