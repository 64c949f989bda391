using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Backtester.Results;

namespace Backtester.Cli.Inspecting;

/// <summary><c>backtester inspect &lt;file&gt;</c>: the provenance a result file records (see docs/results.md).</summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        Argument<string> file = new("file") { Description = "A result file: summary.arrow, fills.arrow, equity.arrow, a logged record's file, or a sweep table." };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("inspect", "Show what produced a result file: strategy, grid, data, options and engine version.") { file, json };
        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(file)!;
            // Else "Result file not found", of a folder that is there.
            if (System.IO.Directory.Exists(path))
                throw new UserErrorException($"cannot inspect '{path}': it is a folder; inspect takes one result file of it, such as {System.IO.Path.Combine(path, "summary.arrow")}.");
            ResultMetadata metadata = BacktesterCli.Input($"cannot inspect '{path}'", () => ResultMetadata.Read(path));
            if (metadata.SchemaVersion is null)
                throw new UserErrorException($"{path}: has no Backtester provenance (no {ResultMetadata.Keys.Schema} in its metadata); it was not written by this engine version.");
            if (parsed.GetValue(json)) WriteJson(console.Out, metadata);
            else WriteText(console.Out, path, metadata);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(TextWriter output, string path, ResultMetadata m)
    {
        output.WriteLine($"file:            {Path.GetFullPath(path)}");
        output.WriteLine($"table:           {m.Table}");
        output.WriteLine($"engine:          {m.EngineVersion} (metadata schema {m.SchemaVersion})");
        if (m.Strategy is { } s)
        {
            output.WriteLine($"strategy:        {s.Name} ({s.Type})");
            output.WriteLine($"assembly:        {s.Assembly}, build {s.AssemblyBuild}");
        }
        if (m.Parameters is { } parameters) output.WriteLine($"parameters:      {parameters}");
        if (m.Grid is { } grid)
        {
            output.WriteLine($"grid:            {grid.Size.ToString(CultureInfo.InvariantCulture)} combinations, {grid.Fingerprint}");
            foreach (GridParameter parameter in grid.Parameters) output.WriteLine($"  {parameter.Name}: {parameter.Describe()}");
        }
        if (m.GridStart is { } start && m.GridCount is { } count)
            output.WriteLine($"range:           grid indices {start.ToString(CultureInfo.InvariantCulture)}..{(start + count - 1).ToString(CultureInfo.InvariantCulture)} ({count.ToString(CultureInfo.InvariantCulture)} combinations)");
        if (m.Partial) output.WriteLine($"partial:         yes, missing grid indices {m.Missing}");
        if (m.Data is { } d)
        {
            output.WriteLine($"data:            {d.Source}");
            output.WriteLine($"  fingerprint:   {d.Fingerprint}");
            var symbols = new List<string>();
            for (int i = 0; i < d.Symbols.Count; i++) symbols.Add($"{i}={d.Symbols[i]}");
            output.WriteLine($"  symbols:       {string.Join(", ", symbols)}");
            output.WriteLine($"  time:          {(d.FirstTimeNs is { } f ? DataSpan.Iso(f) : "-")} .. {(d.LastTimeNs is { } l ? DataSpan.Iso(l) : "-")}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rows:          {d.Trades} trades, {d.Quotes} quotes, {d.Bars} bars in {d.Segments} segment{(d.Segments == 1 ? "" : "s")}"));
        }
        output.WriteLine("options:");
        foreach (var (name, value) in m.Options) output.WriteLine($"  {name} = {value}");
        if (m.User.Count > 0)
        {
            output.WriteLine("user metadata:");
            foreach (var (key, value) in m.User) output.WriteLine($"  {key} = {value}");
        }
    }

    private static void WriteJson(TextWriter output, ResultMetadata m) =>
        Formatting.Json(output, w =>
        {
            w.WriteStartObject();
            foreach (var (key, value) in m.Entries) w.WriteString(key, value);
            w.WriteEndObject();
        });
}
