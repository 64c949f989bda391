using System;
using System.Globalization;

namespace Backtester.Samples;

/// <summary>The sample's command line: <c>[--out DIR] [--days N] [--threads N]</c>.</summary>
internal sealed record SampleArguments(string OutputDirectory, int Days, int Threads)
{
    public static SampleArguments Parse(string[] args)
    {
        var parsed = new SampleArguments("out/SmaCross", 28, Environment.ProcessorCount);
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            parsed = args[i] switch
            {
                "--out" => parsed with { OutputDirectory = value },
                "--days" => parsed with { Days = PositiveInt(args[i], value) },
                "--threads" => parsed with { Threads = PositiveInt(args[i], value) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Usage: SmaCross [--out DIR] [--days N] [--threads N]"),
            };
            i++;
        }
        return parsed;
    }

    private static int PositiveInt(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{option} expects a positive whole number, got '{value}'.");
}
