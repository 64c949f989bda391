using System;
using System.Globalization;

namespace Backtester.Benchmarks.Peers;

/// <summary>
/// The strategy parameters and venue options of a peer comparison, the same on both sides: the C# side reads them from
/// its command line, and benchmarks/peers/run.py passes the same values to the numba loop. Defaults are the README's:
/// <c>Fast = 100, Slow = 1000, Size = 1</c>, <c>TakerFeeBps = 2, OrderLatencyNs = 2_000_000</c>, no slippage.
/// </summary>
public sealed record PeerSettings
{
    public int Fast { get; init; } = 100;
    public int Slow { get; init; } = 1000;
    public double Size { get; init; } = 1;
    public long LatencyNs { get; init; } = 2_000_000;
    public double TakerFeeBps { get; init; } = 2;
    public double SlippageBps { get; init; }

    /// <summary>The usage line of the options <see cref="Parse"/> takes.</summary>
    public const string Usage = "[--fast N] [--slow N] [--size X] [--latency-ns N] [--taker-bps X] [--slippage-bps X]";

    public ReadmeSmaCross Strategy() => new() { Fast = Fast, Slow = Slow, Size = Size };

    public BacktestOptions Options() => new() { OrderLatencyNs = LatencyNs, TakerFeeBps = TakerFeeBps, SlippageBps = SlippageBps };

    /// <summary>Reads the options in <paramref name="args"/>; anything else is an error naming it.</summary>
    public static PeerSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new PeerSettings();
        for (int i = 0; i < args.Length; i += 2)
        {
            string name = args[i];
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} needs a value. Options: {Usage}");
            settings = name switch
            {
                "--fast" => settings with { Fast = int.Parse(value, CultureInfo.InvariantCulture) },
                "--slow" => settings with { Slow = int.Parse(value, CultureInfo.InvariantCulture) },
                "--size" => settings with { Size = double.Parse(value, CultureInfo.InvariantCulture) },
                "--latency-ns" => settings with { LatencyNs = long.Parse(value, CultureInfo.InvariantCulture) },
                "--taker-bps" => settings with { TakerFeeBps = double.Parse(value, CultureInfo.InvariantCulture) },
                "--slippage-bps" => settings with { SlippageBps = double.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option '{name}'. Options: {Usage}"),
            };
        }
        return settings;
    }
}
