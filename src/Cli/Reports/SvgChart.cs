using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;

namespace Backtester.Cli.Reports;

/// <summary>
/// Small charts as inline SVG (no native code, no script): lines over time, filled areas and bars, with axes and
/// labels. Each <c>svg</c> carries <c>data-points</c>, the number of values drawn, so a test can see it has data.
/// </summary>
internal sealed class SvgChart(string title, int width = 960, int height = 280)
{
    private const int Left = 70, Right = 20, Top = 30, Bottom = 40;
    private readonly List<(string Name, string Color, double[] X, double[] Y, bool Fill)> _series = new();
    private (string[] Labels, double[] Values)? _bars;
    private Func<double, string> _xLabel = v => v.ToString("0.##", CultureInfo.InvariantCulture);
    private Func<double, string> _yLabel = v => v.ToString("0.##", CultureInfo.InvariantCulture);

    public SvgChart Line(string name, string color, double[] x, double[] y, bool fill = false)
    {
        _series.Add((name, color, x, y, fill));
        return this;
    }

    public SvgChart Bars(string[] labels, double[] values)
    {
        _bars = (labels, values);
        return this;
    }

    public SvgChart XLabels(Func<double, string> label) { _xLabel = label; return this; }

    public SvgChart YLabels(Func<double, string> label) { _yLabel = label; return this; }

    /// <summary>X labels as UTC dates (values are ns timestamps).</summary>
    public SvgChart TimeX() => XLabels(ns => DateTime.UnixEpoch.AddTicks((long)(ns / 100)).ToString(ns % 86_400e9 == 0 ? "yyyy-MM-dd" : "MM-dd HH:mm", CultureInfo.InvariantCulture));

    public string Render()
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        int points = 0;
        foreach (var s in _series)
            for (int i = 0; i < s.X.Length; i++)
            {
                if (!double.IsFinite(s.Y[i])) continue;
                minX = Math.Min(minX, s.X[i]); maxX = Math.Max(maxX, s.X[i]);
                minY = Math.Min(minY, s.Y[i]); maxY = Math.Max(maxY, s.Y[i]);
                points++;
            }
        if (_bars is { } b)
        {
            minX = 0; maxX = b.Values.Length;
            foreach (double v in b.Values) if (double.IsFinite(v)) { minY = Math.Min(minY, v); maxY = Math.Max(maxY, v); points++; }
            minY = Math.Min(minY, 0); maxY = Math.Max(maxY, 0);
        }
        if (points == 0) { minX = 0; maxX = 1; minY = 0; maxY = 1; }
        if (maxY - minY < 1e-12) { maxY += 0.5; minY -= 0.5; }
        if (maxX - minX < 1e-12) maxX = minX + 1;
        double plotW = width - Left - Right, plotH = height - Top - Bottom;
        double X(double v) => Left + (v - minX) / (maxX - minX) * plotW;
        double Y(double v) => Top + (maxY - v) / (maxY - minY) * plotH;

        var svg = new StringBuilder();
        svg.Append(c, $"<svg class=\"chart\" data-points=\"{points}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Encode(title)}\">");
        svg.Append(c, $"<text x=\"{Left}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{Encode(title)}</text>");
        // grid and labels: five horizontal lines, six time ticks
        for (int i = 0; i <= 4; i++)
        {
            double v = minY + (maxY - minY) * i / 4, y = Y(v);
            svg.Append(c, $"<line x1=\"{Left}\" x2=\"{width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e5e5e5\"/>");
            svg.Append(c, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{Encode(_yLabel(v))}</text>");
        }
        if (_bars is null)
            for (int i = 0; i <= 5; i++)
            {
                // The last tick's label ends at the plot's right edge: centred there, the right margin cut it off.
                double v = minX + (maxX - minX) * i / 5, x = X(v);
                svg.Append(c, $"<text x=\"{x:0.#}\" y=\"{height - Bottom + 16}\" font-size=\"11\" text-anchor=\"{(i == 5 ? "end" : "middle")}\">{Encode(_xLabel(v))}</text>");
            }
        if (minY < 0 && maxY > 0) svg.Append(c, $"<line x1=\"{Left}\" x2=\"{width - Right}\" y1=\"{Y(0):0.#}\" y2=\"{Y(0):0.#}\" stroke=\"#999\"/>");
        foreach (var s in _series)
        {
            var path = new StringBuilder();
            for (int i = 0; i < s.X.Length; i++)
                if (double.IsFinite(s.Y[i])) path.Append(path.Length == 0 ? 'M' : 'L').Append(c, $"{X(s.X[i]):0.#},{Y(s.Y[i]):0.#} ");
            if (path.Length == 0) continue;
            if (s.Fill)
                svg.Append(c, $"<path d=\"{path}L{X(s.X[^1]):0.#},{Y(Math.Max(minY, Math.Min(0, maxY))):0.#} L{X(s.X[0]):0.#},{Y(Math.Max(minY, Math.Min(0, maxY))):0.#} Z\" fill=\"{s.Color}\" fill-opacity=\"0.35\" stroke=\"{s.Color}\"/>");
            else svg.Append(c, $"<path d=\"{path}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.5\"/>");
        }
        if (_bars is { } bars)
        {
            double slot = plotW / Math.Max(1, bars.Values.Length);
            for (int i = 0; i < bars.Values.Length; i++)
            {
                double v = double.IsFinite(bars.Values[i]) ? bars.Values[i] : 0, top = Y(Math.Max(v, 0)), bottom = Y(Math.Min(v, 0));
                svg.Append(c, $"<rect x=\"{Left + i * slot + slot * 0.1:0.#}\" y=\"{top:0.#}\" width=\"{slot * 0.8:0.#}\" height=\"{Math.Max(0.5, bottom - top):0.#}\" fill=\"{(v >= 0 ? "#2e7d32" : "#c62828")}\"><title>{Encode(bars.Labels[i])}: {Encode(_yLabel(v))}</title></rect>");
                if (bars.Values.Length <= 12 || i % (bars.Values.Length / 8) == 0)
                    svg.Append(c, $"<text x=\"{Left + (i + 0.5) * slot:0.#}\" y=\"{height - Bottom + 16}\" font-size=\"10\" text-anchor=\"middle\">{Encode(bars.Labels[i])}</text>");
            }
        }
        // legend
        for (int i = 0; i < _series.Count; i++)
            svg.Append(c, $"<text x=\"{width - Right - 200}\" y=\"{18 + 14 * i}\" font-size=\"12\" fill=\"{_series[i].Color}\">■ {Encode(_series[i].Name)}</text>");
        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
