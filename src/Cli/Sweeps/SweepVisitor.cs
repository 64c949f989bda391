using System;
using System.Collections.Generic;
using System.Globalization;
using Backtester.Infrastructure;
using Backtester.Results;

namespace Backtester.Cli.Sweeps;

/// <summary>One ranked row of a sweep, with its parameters as text.</summary>
internal sealed record RankedRow(long Index, IReadOnlyList<KeyValuePair<string, string>> Parameters, BacktestSummary Summary);

/// <summary>What <c>sweep</c> reports.</summary>
internal sealed record SweepOutcome(string Strategy, IReadOnlyList<string> ParameterNames, long GridCount, long Start, long Count, long Failed,
    long Resumed, long Retried, TimeSpan Elapsed, IReadOnlyList<RankedRow> Top, string? FirstError)
{
    /// <summary>The folders <c>--detail top:K</c> wrote, best first (empty without it).</summary>
    public IReadOnlyList<DetailedRun> Detailed { get; init; } = [];

    /// <summary>
    /// What the rows found: returns covering less than a year, the same for every row (<see cref="Annualization.ShortHistoryWarning"/>),
    /// and a ranking statistic that is NaN for every row (<see cref="RankingCheck"/>).
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Why <c>--detail</c> re-ran nothing: its choice of the best would go by grid index alone (decision 0105); null otherwise.</summary>
    public string? DetailRefused { get; init; }

    /// <summary>The rows are those of the finished table a resume found beside a leftover journal, which it deleted (<see cref="SweepTotals.FromTable"/>).</summary>
    public bool FromTable { get; init; }
}

/// <summary>A combination re-run with every result file: its rank, grid index and folder.</summary>
internal sealed record DetailedRun(int Rank, long Index, string Folder);

/// <summary>
/// <c>--detail top:K</c>: after the sweep, re-run the best <paramref name="Count"/> combinations by the ranking statistic
/// with every result file (orders, round trips, fills, ...) into <c>detail/index-N</c> under the sweep's folder
/// (see <see cref="SweepDetailFolders"/>).
/// </summary>
internal sealed record SweepDetailRequest(int Count, ResultFormat Format, string SweepFile);

/// <summary>
/// Runs a sweep (the whole grid or one shard) of a registered strategy with its static types, streaming the rows (none
/// is kept but the best <c>top</c>), so a grid of any size runs in bounded memory.
/// </summary>
internal sealed class SweepVisitor(ReplayData data, ShardSpec? shard, SweepOptions options, SummaryStatistic by, int top, bool ascending,
    SweepDetailRequest? detail = null)
    : IStrategyTypeVisitor<SweepOutcome>
{
    public SweepOutcome Visit<TStrategy, TParameters, TDriver>()
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        var grid = ParameterGrid<TStrategy, TParameters, TDriver>.All;
        if (shard is { } s) grid = grid.Shard(s.Index, s.Count);
        if (grid.Count > Sweep.MaxCombinations)
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture,
                $"{(shard is null ? "the grid" : "this shard")} of {TStrategy.StrategyName} has {grid.Count:N0} combinations; one sweep runs at most {Sweep.MaxCombinations:N0}. Split it with --shard k/N, N at least {Sweep.MinimumShards(grid.Count) * (shard?.Count ?? 1):N0}, and merge the shard tables with 'backtester sweep merge'."));
        int detailed = detail?.Count ?? 0;
        var best = new TopRows<TParameters>(Math.Max(top, detailed), by.Read, descending: !ascending);
        // Any successful row's count of returns is the sweep's (ShortHistory).
        long returns = -1;
        var check = new RankingCheck();
        void Take(in SweepRow<TParameters> row)
        {
            if (row.Succeeded)
            {
                if (returns < 0) returns = row.Summary.EquitySamples;
                check.Add(row.Summary);
            }
            best.Add(in row);
        }
        SweepTotals totals = data.Single is { } single
            ? Sweep.Stream(single, grid, row => Take(in row), options)
            : Sweep.Stream(data.Segments!, grid, row => Take(in row), options);
        List<SweepRow<TParameters>> rows = best.ToList();
        var ranked = new List<RankedRow>();
        for (int r = 0; r < rows.Count && r < top; r++)
        {
            TParameters parameters = rows[r].Parameters;
            ranked.Add(new RankedRow(rows[r].Index, ParameterValues.Of(in parameters), rows[r].Summary));
        }
        // The table is in place: the detail folders of this range from an earlier run no longer describe it.
        var folders = new SweepDetailFolders(options.Output!.Directory, grid.Start, grid.Count, whole: shard is null);
        var runs = new List<DetailedRun>();
        // Every row NaN by --by, and more rows than --detail takes: its "best" would be the lowest grid indices.
        string? refused = detailed > 0 && check.Unranked(by) && check.Rows > detailed
            ? string.Create(CultureInfo.InvariantCulture, $"--detail top:{detailed}: ")
                + check.Explain(by, string.Create(CultureInfo.InvariantCulture, $"the {check.Rows:N0} combinations"), string.Create(CultureInfo.InvariantCulture, $"there are no best {detailed:N0} to re-run"), options.Backtest)
            : null;
        if (refused is not null) detailed = 0;
        try
        {
            for (int r = 0; r < rows.Count && r < detailed; r++)
                runs.Add(Detail<TStrategy, TParameters, TDriver>(rows[r], r + 1, detail!, folders));
        }
        catch
        {
            folders.Abandon();
            throw;
        }
        folders.Commit();
        // The CLI always resolves the interval (--equity-interval, or the library's rule for the data), so it is never Auto here.
        return new SweepOutcome(TStrategy.StrategyName, TParameters.ParameterNames, TParameters.GridCount, grid.Start, totals.Count, totals.Failed,
            totals.Resumed, totals.Retried, totals.Elapsed, ranked, totals.FirstError)
        {
            Detailed = runs,
            Warnings = check.Warning(by, options.Backtest) is { } unranked ? [.. ShortHistory.Warnings(returns, options.Backtest), unranked] : ShortHistory.Warnings(returns, options.Backtest),
            DetailRefused = refused,
            FromTable = totals.FromTable,
        };
    }

    /// <summary>
    /// Re-runs one ranked combination with every result file. The replay is deterministic, so the run's summary is the
    /// sweep row's; a difference would mean the files describe another run than the table, so it is refused.
    /// </summary>
    private DetailedRun Detail<TStrategy, TParameters, TDriver>(SweepRow<TParameters> row, int rank, SweepDetailRequest request, SweepDetailFolders folders)
        where TStrategy : IStrategy<TStrategy, TParameters, TDriver>
        where TParameters : struct, IStrategyParameters<TParameters>
        where TDriver : struct, IStrategyDriver
    {
        string folder = folders.Staged(row.Index);
        var metadata = new Dictionary<string, string>
        {
            ["sweep.file"] = request.SweepFile,
            ["sweep.index"] = row.Index.ToString(CultureInfo.InvariantCulture),
            ["sweep.rank"] = rank.ToString(CultureInfo.InvariantCulture),
            ["sweep.ranked_by"] = (ascending ? "lowest " : "highest ") + by.Name,
        };
        BacktestOptions runOptions = options.Backtest with { Output = new RunOutput(folder) { Format = request.Format, Metadata = metadata } };
        TParameters parameters = row.Parameters;
        BacktestResult result = data.Single is { } single
            ? Backtest.Run<TStrategy, TParameters, TDriver>(single, in parameters, runOptions)
            : Backtest.Run<TStrategy, TParameters, TDriver>(data.Segments!, in parameters, runOptions);
        if (!result.Summary.Equals(row.Summary))
            throw new InvalidOperationException($"--detail: the re-run of grid index {row.Index} gave another summary than its sweep row (net PnL {result.Summary.NetPnl} against {row.Summary.NetPnl}); the replay should be deterministic.");
        return new DetailedRun(rank, row.Index, folders.Final(row.Index));
    }
}
