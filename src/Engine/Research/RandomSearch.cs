using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using Backtester.Data;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester.Research;

/// <summary>
/// Seeded random search: a sample of grid indices drawn without replacement (Floyd's algorithm over SplitMix64, so
/// O(samples) time and memory whatever the grid's size, and the same indices for a seed on every machine), run in
/// parallel like a sweep and written as a sweep table. Resumable through <see cref="SweepOutput.Resume"/>; shardable: shard
/// k of N runs the k-th contiguous slice of the sorted sample, and <see cref="Results.SweepTable.Merge"/> joins the files.
/// </summary>
public static class RandomSearch
{
    /// <summary>Metadata key of the seed in the table.</summary>
    public const string SeedKey = "backtester.search.seed";

    /// <summary>Metadata key of the sample size in the table.</summary>
    public const string SamplesKey = "backtester.search.samples";

    /// <summary>Runs <paramref name="samples"/> combinations of <paramref name="grid"/> chosen by <paramref name="seed"/> (all of them when the grid is smaller).</summary>
    /// <param name="data">The market data.</param>
    /// <param name="grid">The grid (or a range of it) to sample from.</param>
    /// <param name="samples">How many combinations to draw.</param>
    /// <param name="seed">The seed; the same seed draws the same indices.</param>
    /// <param name="options">Sweep options: backtest options, threads, output (table, journal, resume) and progress.</param>
    /// <param name="shard">Run only the k-th of N slices of the sorted sample, or null for all.</param>
    /// <param name="cancellationToken">Stops the search; journaled rows survive for a resume.</param>
    public static SweepResult<TParameters> Run<TStrategy, TParameters, TDriver>(MarketData data, ParameterGrid<TStrategy, TParameters, TDriver> grid,
        long samples, ulong seed, SweepOptions? options = null, (int Index, int Count)? shard = null, CancellationToken cancellationToken = default)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        long[] indices = SampleIndices(grid.Count, samples, seed);
        for (int i = 0; i < indices.Length; i++) indices[i] += grid.Start;
        // The size of the whole draw (every index when samples >= the grid), which a merge of the shards must hold.
        long drawn = indices.Length;
        if (shard is { } s) indices = Slice(indices, s.Index, s.Count);
        var metadata = new Dictionary<string, string>
        {
            [SeedKey] = seed.ToString(CultureInfo.InvariantCulture),
            [SamplesKey] = drawn.ToString(CultureInfo.InvariantCulture),
        };
        SweepOptions sweep = options ?? SweepOptions.Default;
        // This search's own finished table, checked, wins (decision 0109): alone (the search had finished and a scheduler
        // restarted it with its resume flag), or beside a journal (a crash between the table's commit and the journal's
        // deletion) once the journal is shown to hold only the table's rows. Nothing runs. Another search's table is one
        // this search replaces, as is a damaged one when there is no journal: nothing to resume from either way.
        if (sweep.Output is { Resume: true } output && File.Exists(output.FilePath))
        {
            sweep.Validate();
            Dictionary<string, string> table = IndexSweep.TableMetadata(data, grid, sweep, metadata);
            bool journal = Directory.Exists(output.JournalDirectory);
            SweepResult<TParameters>? finished = null;
            try
            {
                if (SearchTable.IsThisSearchs<TParameters>(output.FilePath, table, SearchTable.Random))
                    finished = SearchTable.Read(output.FilePath, grid, indices, table, SearchTable.Random);
            }
            catch (Exception e) when (!journal && e is InvalidDataException or ProvenanceMismatchException)
            {
                // alone and damaged, cut short, or holding other indices: run again
            }
            if (finished is not null)
            {
                if (journal) new SampleJournal<TParameters>(output, table).DeleteSupersededBy(finished.Rows, grid.Start, grid.Count);
                return finished;
            }
        }
        return IndexSweep.Run(data, grid, indices, sweep, metadata, keepReturns: false, cancellationToken).Result;
    }

    /// <summary>
    /// <paramref name="samples"/> distinct indices of 0..<paramref name="count"/>−1, ascending, drawn by Floyd's algorithm
    /// ("Programming Pearls", column 12) from SplitMix64 seeded with <paramref name="seed"/>; every index when
    /// <paramref name="samples"/> ≥ <paramref name="count"/>.
    /// </summary>
    public static long[] SampleIndices(long count, long samples, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (samples <= 0) throw new ArgumentOutOfRangeException(nameof(samples), samples, "Draw at least one sample.");
        if (samples >= count)
        {
            if (count > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(samples), samples, $"At most {Array.MaxLength} samples.");
            var every = new long[count];
            for (long i = 0; i < count; i++) every[i] = i;
            return every;
        }
        if (samples > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(samples), samples, $"At most {Array.MaxLength} samples.");
        var random = new SplitMix64(seed);
        var chosen = new HashSet<long>((int)samples);
        for (long j = count - samples; j < count; j++)
        {
            long t = Below(ref random, j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }
        var result = new long[samples];
        chosen.CopyTo(result);
        Array.Sort(result);
        return result;
    }

    /// <summary>The k-th of N contiguous, near-equal slices of <paramref name="indices"/> (as <see cref="ParameterGrid{TStrategy, TParameters, TDriver}.Shard"/> slices a grid).</summary>
    internal static long[] Slice(long[] indices, int shard, int shardCount)
    {
        if (shardCount <= 0) throw new ArgumentOutOfRangeException(nameof(shardCount), shardCount, "Shard count must be positive.");
        if (shard < 0 || shard >= shardCount) throw new ArgumentOutOfRangeException(nameof(shard), shard, $"Shard must be within 0..{shardCount - 1}.");
        long n = indices.Length, q = n / shardCount, r = n % shardCount;
        long from = q * shard + r * shard / shardCount, to = q * (shard + 1) + r * (shard + 1) / shardCount;
        return indices.AsSpan((int)from, (int)(to - from)).ToArray();
    }

    /// <summary>A uniform integer in 0..<paramref name="bound"/>−1 (Lemire's multiply-shift with rejection, no modulo bias).</summary>
    private static long Below(ref SplitMix64 random, long bound)
    {
        ulong b = (ulong)bound;
        while (true)
        {
            ulong x = random.Next();
            UInt128 m = (UInt128)x * b;
            ulong low = (ulong)m;
            if (low >= b || low >= (0 - b) % b) return (long)(ulong)(m >> 64);
        }
    }
}
