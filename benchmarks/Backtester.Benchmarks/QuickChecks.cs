using System;
using System.IO;
using Backtester.Benchmarks.Paired;
using Backtester.Benchmarks.Peers;

namespace Backtester.Benchmarks;

/// <summary>
/// What <c>--quick</c> runs besides the suites for the modes that are not BenchmarkDotNet suites, at a small size:
/// <c>--paired</c> over every variant (which checks that variants of one workload agree, among them the hand-written
/// README SmaCross against the engine), <c>--paired-builds</c> of this build against itself, and the peers files (trades exported and read back unchanged, fills written
/// with the run's count). No timing is asserted.
/// </summary>
public static class QuickChecks
{
    public static bool Run(TextWriter log)
    {
        try
        {
            PairedMode.Run(["--variants", "readme-handwritten,readme,handwritten,generated,interface", "--events", "20000", "--rounds", "1", "--runs", "1", "--warmup", "0"]);
            // This build against itself, each copy in its own load context: the loading and the summaries' comparison work.
            PairedBuilds.Run([AppContext.BaseDirectory, AppContext.BaseDirectory, "--variant", "readme", "--events", "20000", "--rounds", "1", "--runs", "1", "--warmup", "0"]);
            using var directory = new TempDirectory("peers");
            PeerTrades.Export(directory.Path, 20_000);
            var exported = Replay.ReplayWorkload.Data(20_000);
            var read = PeerTrades.Read(directory.Path);
            if (!read.Trades.Timestamps.Span.SequenceEqual(exported.Trades.Timestamps.Span) || !read.Trades.Prices.Span.SequenceEqual(exported.Trades.Prices.Span)
                || !read.Trades.SymbolIds.Span.SequenceEqual(exported.Trades.SymbolIds.Span) || !read.Trades.Sizes.Span.SequenceEqual(exported.Trades.Sizes.Span)
                || !read.Trades.Aggressors.Span.SequenceEqual(exported.Trades.Aggressors.Span))
                throw new InvalidDataException("peers: the trades read back differ from those exported.");
            long fills = PeerCommand.CheckRun(directory.Path, new PeerSettings(), TextWriter.Null);
            using var header = ColumnFiles.ReadHeader(directory.Path, PeerTrades.FillsTable);
            if (fills == 0 || header.RootElement.GetProperty("rows").GetInt64() != fills)
                throw new InvalidDataException($"peers: the fills table has {header.RootElement.GetProperty("rows").GetInt64()} rows, the run {fills} fills.");
            log.WriteLine($"quick checks: ok (paired variants agree; paired builds load and agree; peers files round-trip, {fills} fills)");
            return true;
        }
        catch (Exception e)
        {
            log.WriteLine($"quick checks: FAILED: {e}");
            return false;
        }
    }
}
