using System;

namespace Backtester.Data;

/// <summary>Settings of <see cref="SyntheticOrderFlow"/>: a seeded market-by-order (L3) market of one symbol.</summary>
public sealed record SyntheticOrderFlowOptions
{
    /// <summary>Number of steps after the opening book; each is one add, modify, cancel or execution (one L3 row). Default 100,000.</summary>
    public int Steps { get; init; } = 100_000;

    /// <summary>The symbol's name. Default "SYN".</summary>
    public string Symbol { get; init; } = "SYN";

    /// <summary>Levels per side of the opening book, and how far from the touch (in ticks) orders are added. Default 5.</summary>
    public int Levels { get; init; } = 5;

    /// <summary>Largest size of an added order, in lots (sizes are whole numbers). Default 5.</summary>
    public int MaxOrderSize { get; init; } = 5;

    /// <summary>Share of steps that execute the front order of a side's best level. Default 0.2.</summary>
    public double ExecuteShare { get; init; } = 0.2;

    /// <summary>Share of steps that cancel a random order. Default 0.3.</summary>
    public double CancelShare { get; init; } = 0.3;

    /// <summary>Share of steps that reduce a random order's size (it keeps its place). Default 0.1; the rest are adds.</summary>
    public double ModifyShare { get; init; } = 0.1;

    /// <summary>Seed of the generator; the same seed gives the same rows everywhere. Default 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Time of the opening book, ns since the Unix epoch, UTC; step k is at <c>StartTime + (k + 1) × IntervalNs</c>. Default 2024-01-01T00:00:00Z.</summary>
    public long StartTime { get; init; } = 1_704_067_200_000_000_000L;

    /// <summary>Time between steps in ns, positive. Default 1,000.</summary>
    public long IntervalNs { get; init; } = 1_000;

    /// <summary>Price of the opening mid; prices are whole ticks around it. Default 100.</summary>
    public double MidPrice { get; init; } = 100;

    /// <summary>Price increment. Default 0.01.</summary>
    public double TickSize { get; init; } = 0.01;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Steps < 0) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Steps must not be negative.");
        if (string.IsNullOrWhiteSpace(Symbol)) throw new ArgumentOutOfRangeException(nameof(Symbol), Symbol, "Symbol must be a name.");
        if (Levels <= 0 || Levels > 1000) throw new ArgumentOutOfRangeException(nameof(Levels), Levels, "Levels must be between 1 and 1000.");
        if (MaxOrderSize <= 0) throw new ArgumentOutOfRangeException(nameof(MaxOrderSize), MaxOrderSize, "MaxOrderSize must be positive.");
        if (!(ExecuteShare >= 0) || !(CancelShare >= 0) || !(ModifyShare >= 0) || !(ExecuteShare + CancelShare + ModifyShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(ExecuteShare), ExecuteShare,
                $"ExecuteShare, CancelShare and ModifyShare must be non-negative with a sum of at most 1, got {ExecuteShare}, {CancelShare} and {ModifyShare}.");
        if (IntervalNs <= 0) throw new ArgumentOutOfRangeException(nameof(IntervalNs), IntervalNs, "IntervalNs must be positive.");
        if (!(TickSize > 0) || double.IsInfinity(TickSize)) throw new ArgumentOutOfRangeException(nameof(TickSize), TickSize, "TickSize must be positive and finite.");
        if (!(MidPrice / TickSize > 2.0 * Levels + 2) || double.IsInfinity(MidPrice) || MidPrice / TickSize > 1e15)
            throw new ArgumentOutOfRangeException(nameof(MidPrice), MidPrice, $"MidPrice must be finite and more than {2 * Levels + 2} ticks (so every bid stays positive).");
        if (StartTime < 0 || StartTime > long.MaxValue - ((long)Steps + 1) * IntervalNs)
            throw new ArgumentOutOfRangeException(nameof(StartTime), StartTime, "Timestamps would overflow.");
    }
}
