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

    /// <summary>Writes a JSON document built by <paramref name="write"/> to <paramref name="writer"/>, indented, with a final newline.</summary>
    public static void Json(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            write(json);
        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Every statistic as a JSON property; NaN and infinities (which JSON lacks) become null.</summary>
    public static void WriteSummary(Utf8JsonWriter json, string property, in BacktestSummary summary)
    {
        json.WriteStartObject(property);
        foreach (SummaryStatistic statistic in SummaryStatistics.All)
        {
            double value = statistic.Read(summary);
            if (statistic.IsCount) json.WriteNumber(statistic.Name, (long)value);
            else if (double.IsFinite(value)) json.WriteNumber(statistic.Name, value);
            else json.WriteNull(statistic.Name);
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
            table.AddRow(statistic.Name, Number(statistic.Read(summary), statistic.IsCount));
        return table;
    }
}
