using System;
using System.Globalization;

namespace Backtester.Data;

/// <summary>Parses <c>synthetic:events=1000000,symbols=4,seed=42,start=…,interval=…,tick=…</c> into <see cref="SyntheticDataOptions"/>.</summary>
internal static class SyntheticSpec
{
    public static SyntheticDataOptions Parse(string spec)
    {
        var options = new SyntheticDataOptions();
        string settings = spec[MarketDataFiles.SyntheticPrefix.Length..];
        foreach (string part in settings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            string key = eq < 0 ? part : part[..eq].Trim().ToLowerInvariant();
            string value = eq < 0 ? "" : part[(eq + 1)..].Trim();
            options = key switch
            {
                "events" => options with { Events = Number<int>(spec, key, value) },
                "symbols" => options with { Symbols = Number<int>(spec, key, value) },
                "seed" => options with { Seed = Number<ulong>(spec, key, value) },
                "start" => options with { StartTime = Number<long>(spec, key, value) },
                "interval" => options with { IntervalNs = Number<long>(spec, key, value) },
                "tick" => options with { TickSize = Number<double>(spec, key, value) },
                _ => throw new ArgumentException($"Unknown synthetic setting '{key}' in '{spec}'; expected events, symbols, seed, start, interval or tick.", nameof(spec)),
            };
        }
        options.Validate();
        return options;
    }

    private static T Number<T>(string spec, string key, string value) where T : ISpanParsable<T> =>
        T.TryParse(value, CultureInfo.InvariantCulture, out T? result)
            ? result
            : throw new ArgumentException($"Synthetic setting '{key}' in '{spec}' must be a number, got '{value}'.", nameof(spec));
}
