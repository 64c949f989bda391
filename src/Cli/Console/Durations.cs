using System.Globalization;

namespace Backtester.Cli;

/// <summary>Durations on the command line: a number and a unit, <c>ns</c>, <c>us</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>.</summary>
internal static class Durations
{
    public static long ParseNs(string option, string text)
    {
        string t = text.Trim();
        int split = 0;
        while (split < t.Length && (char.IsDigit(t[split]) || t[split] == '.')) split++;
        long unit = t[split..] switch
        {
            "ns" => 1,
            "us" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            "d" => 86_400_000_000_000,
            _ => 0,
        };
        if (unit == 0 || !double.TryParse(t[..split], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value * unit < 1)
            throw new UserErrorException($"{option}: expected a positive duration such as 10ms, 1s, 5m, 1h or 1d, got '{text}'.");
        return (long)(value * unit);
    }

    private static readonly (long Unit, string Name)[] Units = [(86_400_000_000_000, "d"), (3_600_000_000_000, "h"), (60_000_000_000, "m"), (1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "us"), (1, "ns")];

    /// <summary>About <paramref name="ns"/>, in its largest unit with three significant digits: 23.9h, 1d, 8.64ms.</summary>
    public static string Approximately(long ns)
    {
        foreach (var (unit, name) in Units)
            if (ns >= unit) return ((double)ns / unit).ToString("0.##", CultureInfo.InvariantCulture) + name;
        return "0ns";
    }

    /// <summary>The shortest duration of whole units of its largest unit that is at least <paramref name="ns"/>: 9ms for 8.64 ms.</summary>
    public static string AtLeast(long ns)
    {
        foreach (var (unit, name) in Units)
            if (ns >= unit) return ((ns + unit - 1) / unit).ToString(CultureInfo.InvariantCulture) + name;
        return "1ns";
    }

    /// <summary>A short human form: 1d, 2h, 10ms, 1500us.</summary>
    public static string Format(long ns)
    {
        (long unit, string name)[] units = [(86_400_000_000_000, "d"), (3_600_000_000_000, "h"), (60_000_000_000, "m"), (1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "us")];
        foreach (var (unit, name) in units)
            if (ns % unit == 0) return (ns / unit).ToString(CultureInfo.InvariantCulture) + name;
        return ns.ToString(CultureInfo.InvariantCulture) + "ns";
    }
}
