using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Backtester.Cli;

/// <summary>How numbers, summaries and parameters look in tables and JSON.</summary>
internal static class Formatting
{
    public static string Number(double value, bool isCount = false) =>
        double.IsNaN(value) ? "-"
        : double.IsInfinity(value) ? (value > 0 ? "∞" : "-∞")
        : isCount ? value.ToString("N0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 1000 ? value.ToString("N2", CultureInfo.InvariantCulture)
        : value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>
    /// A value for people by what it measures: money with thousands separators and two decimals, counts whole,
    /// fractions as percentages with one decimal (two below 1%), ratios with two decimals, nanoseconds as a duration.
    /// </summary>
    public static string Human(double value, StatisticKind kind)
    {
        if (double.IsNaN(value)) return "-";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "-∞";
        CultureInfo c = CultureInfo.InvariantCulture;
        return kind switch
        {
            StatisticKind.Count => value.ToString("N0", c),
            StatisticKind.Percent => (value * 100).ToString(Math.Abs(value) < 0.01 && value != 0 ? "N2" : "N1", c) + "%",
            StatisticKind.Ratio => value.ToString("N2", c),
            StatisticKind.Duration => Duration((long)value),
            _ => value.ToString("N2", c),
        };
    }

    /// <summary>Nanoseconds as the two largest units: 3d 4h, 12m 5s, 1.5s, 850ms, 12µs, 0.</summary>
    public static string Duration(long ns)
    {
        if (ns == 0) return "0";
        CultureInfo c = CultureInfo.InvariantCulture;
        long abs = Math.Abs(ns);
        string sign = ns < 0 ? "-" : "";
        (long Unit, string Name)[] units = [(86_400_000_000_000, "d"), (3_600_000_000_000, "h"), (60_000_000_000, "m"), (1_000_000_000, "s")];
        for (int i = 0; i < units.Length; i++)
        {
            if (abs < units[i].Unit) continue;
            long whole = abs / units[i].Unit;
            if (units[i].Name == "s") return sign + (abs / 1e9).ToString(abs % 1_000_000_000 == 0 ? "0" : "0.###", c) + "s";
            long rest = (abs % units[i].Unit) / units[i + 1].Unit;
            return sign + whole.ToString(c) + units[i].Name + (rest == 0 ? "" : " " + rest.ToString(c) + units[i + 1].Name);
        }
        if (abs >= 1_000_000) return sign + (abs / 1e6).ToString("0.###", c) + "ms";
        if (abs >= 1_000) return sign + (abs / 1e3).ToString("0.###", c) + "µs";
        return sign + abs.ToString(c) + "ns";
    }

    /// <summary>Writes a JSON document built by <paramref name="write"/> to <paramref name="writer"/>, indented, with a final newline.</summary>
    public static void Json(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping: the output is a JSON document of its own, not embedded in HTML, so '+' and '"' inside text are
        // written as themselves rather than \u002B and \u0022 (parameters such as "Fast=1e+3", symbols such as "BTC/USD+").
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(json);
        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>
    /// A statistic as a JSON property (decision 0113): a number when finite; <c>null</c> when undefined (NaN); the string
    /// <c>"Infinity"</c> or <c>"-Infinity"</c> when infinite. JSON has no infinity, and null for both would make an
    /// infinite value (a minimum track record no length reaches, a profit factor without a losing trip) look undefined.
    /// </summary>
    public static void WriteStatistic(Utf8JsonWriter json, string property, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(property, value);
        else if (double.IsNaN(value)) json.WriteNull(property);
        else json.WriteString(property, value > 0 ? PositiveInfinity : NegativeInfinity);
    }

    /// <summary>How <see cref="WriteStatistic"/> spells +∞: as System.Text.Json's named floating-point literals and the protobuf JSON mapping do, and as Python's <c>float()</c> reads it.</summary>
    public const string PositiveInfinity = "Infinity";

    /// <summary>How <see cref="WriteStatistic"/> spells −∞.</summary>
    public const string NegativeInfinity = "-Infinity";

    /// <summary>Every statistic as a JSON property, as <see cref="WriteStatistic"/> writes one (counts as integers).</summary>
    public static void WriteSummary(Utf8JsonWriter json, string property, in BacktestSummary summary)
    {
        json.WriteStartObject(property);
        foreach (SummaryStatistic statistic in SummaryStatistics.All)
        {
            double value = statistic.Read(summary);
            if (statistic.IsCount) json.WriteNumber(statistic.Name, (long)value);
            else WriteStatistic(json, statistic.Name, value);
        }
        json.WriteEndObject();
    }

    /// <summary>Parameters as JSON: numbers and booleans typed, enum members as strings.</summary>
    public static void WriteParameters(Utf8JsonWriter json, string property, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        json.WriteStartObject(property);
        foreach (var (name, text) in parameters)
        {
            if (bool.TryParse(text, out bool flag)) json.WriteBoolean(name, flag);
            else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
                json.WriteNumber(name, number);
            else json.WriteString(name, text);
        }
        json.WriteEndObject();
    }

    /// <summary>A two-column table of every statistic.</summary>
    public static Table SummaryTable(in BacktestSummary summary, string title)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumn("Statistic").AddColumn(new TableColumn("Value").RightAligned());
        foreach (SummaryStatistic statistic in SummaryStatistics.All)
            table.AddRow(Markup.Escape(statistic.Label), statistic.Format(summary));
        return table;
    }
}
