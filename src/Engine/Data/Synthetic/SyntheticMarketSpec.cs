using System;
using System.Globalization;
using System.Linq;

namespace Backtester.Data;

/// <summary>
/// Parses <c>synthetic:market</c> and <c>synthetic:market,days=28,symbols=4,seed=42,activity=1,trades=true,quotes=true,bars=true,marks=false</c>
/// into <see cref="SyntheticMarketOptions"/> (<c>symbols</c> takes the first N of the default instruments, or names them:
/// <c>symbols=BTCUSDT+ETHUSDT</c>).
/// </summary>
internal static class SyntheticMarketSpec
{
    public const string Prefix = MarketDataFiles.SyntheticPrefix + "market";

    /// <summary>True for <c>synthetic:market</c> with or without settings.</summary>
    public static bool Matches(string spec) =>
        spec.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && (spec.Length == Prefix.Length || spec[Prefix.Length] == ',');

    public static SyntheticMarketOptions Parse(string spec)
    {
        var options = new SyntheticMarketOptions();
        foreach (string part in spec[Prefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            string key = eq < 0 ? part.ToLowerInvariant() : part[..eq].Trim().ToLowerInvariant();
            string value = eq < 0 ? "" : part[(eq + 1)..].Trim();
            options = key switch
            {
                "days" => options with { Days = Number<int>(spec, key, value) },
                "seed" => options with { Seed = Number<ulong>(spec, key, value) },
                "start" => options with { StartTime = Number<long>(spec, key, value) },
                "activity" => options with { Activity = Number<double>(spec, key, value) },
                "trades" => options with { Trades = Flag(spec, key, value) },
                "quotes" => options with { Quotes = Flag(spec, key, value) },
                "bars" => options with { Bars = Flag(spec, key, value) },
                "marks" => options with { MarkPrices = Flag(spec, key, value) },
                "symbols" => options with { Symbols = Symbols(spec, value) },
                _ => throw new ArgumentException($"Unknown synthetic market setting '{key}' in '{spec}'; expected days, symbols, seed, start, activity, trades, quotes, bars or marks.", nameof(spec)),
            };
        }
        options.Validate();
        return options;
    }

    /// <summary>
    /// The spec that opens the same market (<c>synthetic:market,days=28,seed=42,symbols=BTCUSDT+…</c>), so result files
    /// name data the report can open again; options a spec cannot say give <c>synthetic-market(custom, …)</c>.
    /// </summary>
    public static string Describe(SyntheticMarketOptions o)
    {
        var defaults = new SyntheticMarketOptions();
        SyntheticSymbol[] known = SyntheticSymbol.Defaults();
        bool expressible = o.Symbols.All(s => known.Contains(s)) && o.TailDegreesOfFreedom == defaults.TailDegreesOfFreedom
            && o.GarchAlpha == defaults.GarchAlpha && o.GarchBeta == defaults.GarchBeta && o.MarketCorrelation == defaults.MarketCorrelation
            && o.IntradayAmplitude == defaults.IntradayAmplitude && o.WeekendActivity == defaults.WeekendActivity && o.TradeClustering == defaults.TradeClustering
            && o.TrendVolatility == defaults.TrendVolatility && o.TrendHalfLifeDays == defaults.TrendHalfLifeDays;
        string names = string.Join('+', o.Symbols.Select(s => s.Name));
        if (!expressible) return $"synthetic-market(custom, symbols={names}, days={o.Days}, seed={o.Seed})";
        var text = new System.Text.StringBuilder(Prefix);
        text.Append(CultureInfo.InvariantCulture, $",days={o.Days},seed={o.Seed},symbols={names}");
        if (o.StartTime != defaults.StartTime) text.Append(CultureInfo.InvariantCulture, $",start={o.StartTime}");
        if (o.Activity != defaults.Activity) text.Append(CultureInfo.InvariantCulture, $",activity={o.Activity:R}");
        if (!o.Trades) text.Append(",trades=false");
        if (!o.Quotes) text.Append(",quotes=false");
        if (!o.Bars) text.Append(",bars=false");
        if (o.MarkPrices) text.Append(",marks=true");
        return text.ToString();
    }

    private static SyntheticSymbol[] Symbols(string spec, string value)
    {
        SyntheticSymbol[] all = SyntheticSymbol.Defaults();
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count))
            return count >= 1 && count <= all.Length
                ? all[..count]
                : throw new ArgumentException($"Synthetic market setting 'symbols' in '{spec}' must be within 1..{all.Length}, got {count}.", nameof(spec));
        return value.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => all.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Synthetic market setting 'symbols' in '{spec}' names '{name}'; the built-in symbols are {string.Join(", ", all.Select(s => s.Name))}.", nameof(spec)))
            .ToArray();
    }

    private static bool Flag(string spec, string key, string value) =>
        bool.TryParse(value, out bool result)
            ? result
            : throw new ArgumentException($"Synthetic market setting '{key}' in '{spec}' must be true or false, got '{value}'.", nameof(spec));

    private static T Number<T>(string spec, string key, string value) where T : ISpanParsable<T> =>
        T.TryParse(value, CultureInfo.InvariantCulture, out T? result)
            ? result
            : throw new ArgumentException($"Synthetic market setting '{key}' in '{spec}' must be a number, got '{value}'.", nameof(spec));
}
