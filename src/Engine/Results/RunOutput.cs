using System;
using System.Collections.Generic;

namespace Backtester;

/// <summary>
/// Where and what a backtest writes as Arrow IPC files: <c>summary.arrow</c> (one row), <c>fills.arrow</c> (every fill,
/// streamed in batches while the run goes, whatever the <see cref="BacktestOptions.TradeLog"/> mode),
/// <c>equity.arrow</c> (one row per <see cref="BacktestOptions.EquitySampleIntervalNs"/>), and one file per record
/// type the strategy logs with <c>Orders.Log</c>. Every file is written under a temporary name and renamed when the run
/// completes, so a failed run leaves no partial file.
/// </summary>
/// <param name="Directory">The folder the files go to (created if missing).</param>
public sealed record RunOutput(string Directory)
{
    /// <summary>Write <c>fills.arrow</c>. Default true.</summary>
    public bool Fills { get; init; } = true;

    /// <summary>Write <c>equity.arrow</c>. Default true.</summary>
    public bool Equity { get; init; } = true;

    /// <summary>Write <c>orders.arrow</c>, every order with its lifecycle (<see cref="OrderRecord"/>; <c>Backtest.Run</c> only). Default true.</summary>
    public bool Orders { get; init; } = true;

    /// <summary>Write <c>round_trips.arrow</c>, every closed round trip (<see cref="RoundTripRecord"/>; <c>Backtest.Run</c> only). Default true.</summary>
    public bool RoundTrips { get; init; } = true;

    /// <summary>Write <c>symbols.arrow</c>, statistics per symbol (<see cref="SymbolStatistics"/>; <c>Backtest.Run</c> only). Default true.</summary>
    public bool Symbols { get; init; } = true;

    /// <summary>
    /// The format of every result file: Arrow IPC (the default, memory-mapped by polars and pyarrow), Parquet or CSV.
    /// Parquet and CSV files are converted from the finished Arrow files under their temporary names, and only the converted
    /// files are committed, together (see <see cref="Results.ResultFiles"/>).
    /// </summary>
    public ResultFormat Format { get; init; } = ResultFormat.Arrow;

    /// <summary>Compression and batch size of the files.</summary>
    public ArrowFileOptions Arrow { get; init; } = ArrowFileOptions.Default;

    /// <summary>Schema metadata added to every file (the engine adds its version and the data source; <c>Backtest.Run</c> adds the strategy and its parameters).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
            throw new ArgumentException("RunOutput.Directory must name a folder.", nameof(Directory));
        ArgumentNullException.ThrowIfNull(Arrow, nameof(Arrow));
        Arrow.Validate();
    }
}
