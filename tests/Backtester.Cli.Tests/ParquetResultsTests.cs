using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using DuckDB.NET.Data;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// <c>--format parquet</c> results read back by DuckDB, an independent engine, agree with the Arrow files of the same run
/// read by Apache Arrow.
/// </summary>
public class ParquetResultsTests
{
    private const string Data = "synthetic:market,days=2";

    [Fact]
    public void Run_results_in_parquet_read_by_duckdb_match_the_arrow_results()
    {
        using var arrowDir = new TempDirectory();
        using var parquetDir = new TempDirectory();
        string[] run = ["run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-p", "Slow=500", "--fee-bps", "2", "--latency-ms", "2", "-q"];
        Assert.Equal(0, Cli.Run([.. run, "-o", arrowDir.Path]).ExitCode);
        var result = Cli.Run([.. run, "-o", parquetDir.Path, "--format", "parquet"]);
        Assert.True(result.ExitCode == 0, result.Error);

        foreach (string name in new[] { "summary", "fills", "equity", "orders", "round_trips", "symbols" })
        {
            Assert.True(File.Exists(Path.Combine(parquetDir.Path, name + ".parquet")), name + ".parquet");
            Assert.False(File.Exists(Path.Combine(parquetDir.Path, name + ".arrow")), name + ".arrow left behind");
        }

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        string P(string name) => $"read_parquet('{Path.Combine(parquetDir.Path, name + ".parquet")}')";
        var fills = ArrowColumns(Path.Combine(arrowDir.Path, "fills.arrow"));
        Assert.True(fills["price"].Length > 10, "the run should trade");
        Assert.Equal((long)fills["price"].Length, Scalar<long>(duck, $"select count(*) from {P("fills")}"));
        Assert.Equal(fills["fee"].Sum(), Scalar<double>(duck, $"select sum(fee) from {P("fills")}"), 9);
        Assert.Equal(fills["timestamp"].Max(), Scalar<long>(duck, $"select max(timestamp) from {P("fills")}"));

        var summary = ArrowColumns(Path.Combine(arrowDir.Path, "summary.arrow"));
        Assert.Equal(summary["net_pnl"][0], Scalar<double>(duck, $"select net_pnl from {P("summary")}"));
        Assert.Equal(summary["sharpe"][0], Scalar<double>(duck, $"select sharpe from {P("summary")}"));
        Assert.Equal(summary["round_trips"][0], Scalar<long>(duck, $"select count(*) from {P("round_trips")}"));

        var orders = ArrowColumns(Path.Combine(arrowDir.Path, "orders.arrow"));
        Assert.Equal((long)orders["order_id"].Length, Scalar<long>(duck, $"select count(*) from {P("orders")}"));
        Assert.Equal(orders["filled_quantity"].Sum(), Scalar<double>(duck, $"select sum(filled_quantity) from {P("orders")}"), 9);
        Assert.Equal("BTCUSDT,ETHUSDT,SOLUSDT,BNBUSDT", Scalar<string>(duck, $"select string_agg(symbol, ',' order by symbol_id) from {P("symbols")}"));
        var equity = ArrowColumns(Path.Combine(arrowDir.Path, "equity.arrow"));
        Assert.Equal((long)equity["equity"].Length, Scalar<long>(duck, $"select count(*) from {P("equity")}"));
    }

    [Fact]
    public void Inspect_reads_the_provenance_of_a_parquet_result_as_of_its_arrow_twin_and_names_a_truncated_or_csv_file()
    {
        // The same run in Arrow and in Parquet: inspect --json prints the same keys and values (the Parquet file carries
        // the Arrow file's metadata over as it is), so a --format parquet result can be traced too.
        using var arrowDir = new TempDirectory();
        using var parquetDir = new TempDirectory();
        using var csvDir = new TempDirectory();
        string[] run = ["run", "-s", "SmaCross", "-d", "synthetic:events=20000,symbols=2,seed=3", "-p", "Fast=50", "-q"];
        Assert.Equal(0, Cli.Run([.. run, "-o", arrowDir.Path]).ExitCode);
        Assert.Equal(0, Cli.Run([.. run, "-o", parquetDir.Path, "--format", "parquet"]).ExitCode);
        Assert.Equal(0, Cli.Run([.. run, "-o", csvDir.Path, "--format", "csv"]).ExitCode);
        var fromArrow = Cli.Run("inspect", Path.Combine(arrowDir.Path, "fills.arrow"), "--json");
        string parquetFills = Path.Combine(parquetDir.Path, "fills.parquet");
        var fromParquet = Cli.Run("inspect", parquetFills, "--json");
        Assert.True(fromParquet.ExitCode == 0, fromParquet.Error);
        var arrowKeys = Keys(fromArrow.Json);
        var parquetKeys = Keys(fromParquet.Json);
        Assert.Contains("backtester.data.fingerprint", parquetKeys.Keys);
        Assert.Equal(arrowKeys, parquetKeys);

        // Cut 30 bytes short: named as truncated. CSV: no provenance to show.
        byte[] bytes = File.ReadAllBytes(parquetFills);
        File.WriteAllBytes(parquetFills, bytes[..^30]);
        var truncated = Cli.Run("inspect", parquetFills);
        Assert.Equal((1, $"error: cannot inspect '{parquetFills}': {parquetFills}: truncated Parquet file: it does not end with 'PAR1' (was it cut short while being written?)"),
            (truncated.ExitCode, truncated.Error.Trim()));
        var report = Cli.Run("report", "--in", parquetDir.Path);
        Assert.Equal(1, report.ExitCode);
        Assert.Contains($"{parquetFills}: truncated Parquet file", report.Error);
        string csvFills = Path.Combine(csvDir.Path, "fills.csv");
        var csv = Cli.Run("inspect", csvFills);
        Assert.Equal((1, $"error: cannot inspect '{csvFills}': {csvFills}: a CSV result file carries no provenance (what produced it is kept by --format arrow or parquet)"),
            (csv.ExitCode, csv.Error.Trim()));
    }

    private static SortedDictionary<string, string> Keys(System.Text.Json.JsonElement json)
    {
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        System.Text.Json.JsonElement entries = json.TryGetProperty("metadata", out var m) ? m : json;
        foreach (var property in entries.EnumerateObject()) keys[property.Name] = property.Value.ToString();
        return keys;
    }

    [Fact]
    public void Sweep_table_in_parquet_reads_back_in_duckdb()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("sweep", "-s", "SmaCross", "-d", "synthetic:events=20000,symbols=2,seed=3", "-o", dir.Path, "--format", "parquet", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        string file = Path.Combine(dir.Path, "sweep.parquet");
        Assert.Equal(file, result.Json.GetProperty("file").GetString());

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        Assert.Equal(80L, Scalar<long>(duck, $"select count(*) from read_parquet('{file}')"));
        double best = result.Json.GetProperty("top")[0].GetProperty("summary").GetProperty("net_pnl").GetDouble();
        Assert.Equal(best, Scalar<double>(duck, $"select max(net_pnl) from read_parquet('{file}')"), 9);
    }

    [Fact]
    public void ConvertRun_converts_the_named_strategys_files_and_leaves_market_data_and_other_files_alone()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", Data, "-p", "Fast=50", "-p", "Slow=500", "-o", dir.Path, "-q").ExitCode);
        // Market data in the same folder: an Arrow file whose metadata names no strategy.
        Assert.Equal(0, Cli.Run("data", "convert", "synthetic:events=1000,symbols=1,seed=2", Path.Combine(dir.Path, "market.arrow")).ExitCode);
        string[] runFiles = Directory.GetFiles(dir.Path, "*.arrow").Select(Path.GetFileNameWithoutExtension).Where(n => n != "market").Order().ToArray()!;
        Assert.Contains("fills", runFiles);
        var fills = ArrowColumns(Path.Combine(dir.Path, "fills.arrow"));
        Assert.True(fills["price"].Length > 10, "the run should trade");

        Assert.Empty(Results.ResultFiles.ConvertRun(dir.Path, "SomeOtherStrategy", ResultFormat.Parquet));
        Assert.Empty(Results.ResultFiles.ConvertRun(dir.Path, "SmaCross", ResultFormat.Arrow)); // already Arrow
        IReadOnlyList<string> converted = Results.ResultFiles.ConvertRun(dir.Path, "SmaCross", ResultFormat.Parquet);

        Assert.Equal(runFiles.Select(n => Path.Combine(dir.Path, n + ".parquet")), converted.Order());
        Assert.False(File.Exists(Path.Combine(dir.Path, "market.parquet")), "market data is not a result of the run");
        Assert.True(File.Exists(Path.Combine(dir.Path, "market.arrow")), "market data is left as it was");
        Assert.All(runFiles, n => Assert.False(File.Exists(Path.Combine(dir.Path, n + ".arrow")), n + ".arrow is replaced by its Parquet file"));
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        Assert.Equal((long)fills["price"].Length, Scalar<long>(duck, $"select count(*) from read_parquet('{Path.Combine(dir.Path, "fills.parquet")}')"));
        Assert.Equal(fills["fee"].Sum(), Scalar<double>(duck, $"select sum(fee) from read_parquet('{Path.Combine(dir.Path, "fills.parquet")}')"), 9);
    }

    private static T Scalar<T>(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        object? value = command.ExecuteScalar();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, double[]> ArrowColumns(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        var columns = new Dictionary<string, List<double>>();
        foreach (Field field in reader.Schema.FieldsList) columns[field.Name] = new List<double>();
        while (reader.ReadNextRecordBatch() is { } batch)
            for (int c = 0; c < batch.ColumnCount; c++)
            {
                IArrowArray array = batch.Column(c);
                List<double> values = columns[reader.Schema.FieldsList[c].Name];
                for (int i = 0; i < batch.Length; i++)
                    values.Add(array switch
                    {
                        DoubleArray a => a.GetValue(i)!.Value,
                        Int64Array a => a.GetValue(i)!.Value,
                        Int32Array a => a.GetValue(i)!.Value,
                        TimestampArray a => a.GetValue(i)!.Value,
                        _ => double.NaN,
                    });
            }
        return columns.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
