using System;

namespace Backtester;

/// <summary>Settings of <see cref="SyntheticData"/>: a seeded random walk of trades across several symbols.</summary>
public sealed record SyntheticDataOptions
{
    /// <summary>Total number of trades (all symbols). Default 1,000,000.</summary>
    public int Events { get; init; } = 1_000_000;

    /// <summary>Number of symbols; trades cycle through them in turn. Default 4.</summary>
    public int Symbols { get; init; } = 4;

    /// <summary>Seed of the generator; the same seed gives the same data everywhere. Default 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Time of the first trade, ns since the Unix epoch, UTC. Default 2024-01-01T00:00:00Z.</summary>
    public long StartTime { get; init; } = 1_704_067_200_000_000_000L;

    /// <summary>Time between consecutive trades in ns. Default 1,000 (1 µs).</summary>
    public long IntervalNs { get; init; } = 1_000;

    /// <summary>Price increment; prices are whole multiples of it. Default 0.01.</summary>
    public double TickSize { get; init; } = 0.01;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Events < 0) throw new ArgumentOutOfRangeException(nameof(Events), Events, "Events must not be negative.");
        if (Symbols <= 0) throw new ArgumentOutOfRangeException(nameof(Symbols), Symbols, "Symbols must be positive.");
        if (IntervalNs < 0) throw new ArgumentOutOfRangeException(nameof(IntervalNs), IntervalNs, "IntervalNs must not be negative.");
        if (!(TickSize > 0) || double.IsInfinity(TickSize)) throw new ArgumentOutOfRangeException(nameof(TickSize), TickSize, "TickSize must be positive and finite.");
        if (StartTime < 0 || (Events > 0 && StartTime > long.MaxValue - (Events - 1) * IntervalNs))
            throw new ArgumentOutOfRangeException(nameof(StartTime), StartTime, "Timestamps would overflow.");
    }
}
