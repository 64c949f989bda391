namespace Backtester;

/// <summary>The file format of result files (<see cref="RunOutput.Format"/>, the CLI's <c>--format</c>).</summary>
public enum ResultFormat
{
    /// <summary>Arrow IPC files (<c>.arrow</c>): memory-mapped by polars, pyarrow and the report; the default.</summary>
    Arrow = 0,

    /// <summary>Parquet files (<c>.parquet</c>), read by DuckDB, Spark, pandas and most data tools without extensions.</summary>
    Parquet = 1,

    /// <summary>CSV files (<c>.csv</c>): a header row, invariant culture, timestamps as ISO 8601 UTC with nanoseconds.</summary>
    Csv = 2,
}
