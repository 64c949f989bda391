using System;

namespace Backtester.Data;

/// <summary>Settings of <see cref="SyntheticBook"/>: a seeded L2 market where arrivals, cancels and trades change a book of a few levels per side.</summary>
public sealed record SyntheticBookOptions
{
    /// <summary>Number of steps (all symbols); each step is one arrival, cancel or trade and writes one to three book updates. Default 1,000,000.</summary>
    public int Steps { get; init; } = 1_000_000;

    /// <summary>Number of symbols; each step picks one at random. Default 1.</summary>
    public int Symbols { get; init; } = 1;

    /// <summary>Levels per side the book keeps (a removed level is replaced one tick beyond the deepest). Default 10.</summary>
    public int Levels { get; init; } = 10;

    /// <summary>Largest size of a level when it is created, in lots (sizes are whole numbers). Default 10.</summary>
    public int MaxLevelSize { get; init; } = 10;

    /// <summary>Share of steps that are trades. Default 0.2.</summary>
    public double TradeShare { get; init; } = 0.2;

    /// <summary>Share of steps that are cancels (the rest are arrivals). Default 0.3.</summary>
    public double CancelShare { get; init; } = 0.3;

    /// <summary>Seed of the generator; the same seed gives the same data everywhere. Default 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Time of the first step, ns since the Unix epoch, UTC. Default 2024-01-01T00:00:00Z.</summary>
    public long StartTime { get; init; } = 1_704_067_200_000_000_000L;

    /// <summary>Time between steps in ns, at least 2 (a trade's book change is stamped 1 ns after the trade). Default 1,000.</summary>
    public long IntervalNs { get; init; } = 1_000;

    /// <summary>Price increment; prices are whole multiples of it. Default 0.01.</summary>
    public double TickSize { get; init; } = 0.01;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Steps < 0) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Steps must not be negative.");
        if (Symbols <= 0) throw new ArgumentOutOfRangeException(nameof(Symbols), Symbols, "Symbols must be positive.");
        if (Levels <= 0 || Levels > 1000) throw new ArgumentOutOfRangeException(nameof(Levels), Levels, "Levels must be between 1 and 1000.");
        if (MaxLevelSize <= 0) throw new ArgumentOutOfRangeException(nameof(MaxLevelSize), MaxLevelSize, "MaxLevelSize must be positive.");
        if (!(TradeShare >= 0) || !(CancelShare >= 0) || !(TradeShare + CancelShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(TradeShare), TradeShare, $"TradeShare and CancelShare must be non-negative with a sum of at most 1, got {TradeShare} and {CancelShare}.");
        if (IntervalNs < 2) throw new ArgumentOutOfRangeException(nameof(IntervalNs), IntervalNs, "IntervalNs must be at least 2.");
        if (!(TickSize > 0) || double.IsInfinity(TickSize)) throw new ArgumentOutOfRangeException(nameof(TickSize), TickSize, "TickSize must be positive and finite.");
        if (StartTime < 0 || StartTime > long.MaxValue - ((long)Steps + 1) * IntervalNs)
            throw new ArgumentOutOfRangeException(nameof(StartTime), StartTime, "Timestamps would overflow.");
    }
}
