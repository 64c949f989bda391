using System;
using System.Runtime.CompilerServices;
using Backtester.Infrastructure;

namespace Backtester;

/// <summary>
/// A contiguous range of a strategy's parameter grid, addressed by index. Nothing is enumerated or allocated
/// up front: <see cref="this[long]"/> decodes an index to parameter values in O(#parameters).
/// </summary>
/// <remarks>
/// The grid's type names the strategy and its driver too, so that engine entry points such as
/// <c>Sweep.Run(data, SmaCross.Grid)</c> infer every type from the grid argument.
/// </remarks>
/// <typeparam name="TStrategy">The strategy type.</typeparam>
/// <typeparam name="TParameters">The strategy's generated <c>Parameters</c> type.</typeparam>
/// <typeparam name="TDriver">The strategy's generated <c>Driver</c> type.</typeparam>
public readonly struct ParameterGrid<TStrategy, TParameters, TDriver> : IEquatable<ParameterGrid<TStrategy, TParameters, TDriver>>
    where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
    where TParameters : struct, IStrategyParameters<TParameters>
    where TDriver : struct, IStrategyDriver
{
    /// <summary>The whole grid.</summary>
    public static ParameterGrid<TStrategy, TParameters, TDriver> All => new(0, TParameters.GridCount);

    private ParameterGrid(long start, long count)
    {
        Start = start;
        Count = count;
    }

    /// <summary>The grid index of this range's first element.</summary>
    public long Start { get; }

    /// <summary>The number of combinations in this range.</summary>
    public long Count { get; }

    /// <summary>The combination at position <paramref name="index"/> of this range (grid index <c>Start + index</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..Count-1.</exception>
    public TParameters this[long index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((ulong)index >= (ulong)Count)
                ThrowIndex(index, Count);
            return TParameters.FromGridIndex(Start + index);
        }
    }

    /// <summary>The sub-range of <paramref name="count"/> combinations starting at position <paramref name="start"/> of this range.</summary>
    public ParameterGrid<TStrategy, TParameters, TDriver> Range(long start, long count)
    {
        if (start < 0 || start > Count)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"Start must be within 0..{Count}.");
        if (count < 0 || count > Count - start)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Count must be within 0..{Count - start} for start {start}.");
        return new ParameterGrid<TStrategy, TParameters, TDriver>(Start + start, count);
    }

    /// <summary>
    /// The <paramref name="shard"/>-th (0-based) of <paramref name="shardCount"/> contiguous, near-equal slices of
    /// this range; the slices cover the range exactly once, in order.
    /// </summary>
    public ParameterGrid<TStrategy, TParameters, TDriver> Shard(int shard, int shardCount)
    {
        if (shardCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(shardCount), shardCount, "Shard count must be positive.");
        if (shard < 0 || shard >= shardCount)
            throw new ArgumentOutOfRangeException(nameof(shard), shard, $"Shard must be within 0..{shardCount - 1}.");
        long from = SliceStart(shard, shardCount);
        long to = SliceStart(shard + 1, shardCount);
        return new ParameterGrid<TStrategy, TParameters, TDriver>(Start + from, to - from);
    }

    private long SliceStart(int shard, int shardCount)
    {
        // Count * shard / shardCount without overflowing for grids near long.MaxValue.
        long q = Count / shardCount, r = Count % shardCount;
        return q * shard + r * shard / shardCount;
    }

    /// <summary>A struct enumerator over the combinations, for <c>foreach</c> without allocation.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <inheritdoc/>
    public bool Equals(ParameterGrid<TStrategy, TParameters, TDriver> other) => Start == other.Start && Count == other.Count;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ParameterGrid<TStrategy, TParameters, TDriver> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Start, Count);

    /// <inheritdoc/>
    public override string ToString() => $"{TStrategy.StrategyName} grid [{Start}..{Start + Count})";

    private static void ThrowIndex(long index, long count) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be within 0..{count - 1}.");

    /// <summary>Enumerates a <see cref="ParameterGrid{TStrategy, TParameters, TDriver}"/> in index order.</summary>
    public struct Enumerator
    {
        private readonly long _end;
        private long _next;

        internal Enumerator(ParameterGrid<TStrategy, TParameters, TDriver> grid)
        {
            _next = grid.Start - 1;
            _end = grid.Start + grid.Count;
        }

        /// <summary>The current combination.</summary>
        public readonly TParameters Current => TParameters.FromGridIndex(_next);

        /// <summary>The grid index of <see cref="Current"/>.</summary>
        public readonly long CurrentIndex => _next;

        /// <summary>Advances to the next combination.</summary>
        public bool MoveNext() => ++_next < _end;
    }
}
