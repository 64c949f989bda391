using System.Collections.Generic;
using System.IO;
using System.Linq;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Xunit;

namespace Backtester.Cli.Tests;

public class SweepCommandTests
{
    private const string Data = "synthetic:events=20000,symbols=2,seed=3";

    private static (Schema Schema, int Rows, Dictionary<string, List<string>> Columns) ReadTable(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        var columns = reader.Schema.FieldsList.ToDictionary(f => f.Name, _ => new List<string>());
        int rows = 0;
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            rows += batch.Length;
            foreach (var field in reader.Schema.FieldsList)
                for (int i = 0; i < batch.Length; i++)
                    columns[field.Name].Add(batch.Column(field.Name) switch
                    {
                        Int64Array a => $"{a.GetValue(i)}",
                        Int32Array a => $"{a.GetValue(i)}",
                        DoubleArray a => a.GetValue(i)!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                        StringArray a => a.GetString(i) ?? "null",
                        _ => "?",
                    });
        }
        return (reader.Schema, rows, columns);
    }

    [Fact]
    public void Sweep_ranks_the_top_rows_by_the_chosen_statistic_and_writes_the_table()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("sweep", "--strategy", "SmaCross", "--data", Data, "--out", dir.Path, "--threads", "2", "--top", "3", "--by", "NetPnl", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal(80, json.GetProperty("combinations").GetInt32());
        Assert.Equal("net_pnl", json.GetProperty("by").GetString());
        var top = json.GetProperty("top").EnumerateArray().Select(r => r.GetProperty("summary").GetProperty("net_pnl").GetDouble()).ToArray();
        Assert.Equal(3, top.Length);
        Assert.Equal(top.OrderByDescending(x => x), top);

        var table = ReadTable(dir.File("sweep.arrow"));
        Assert.Equal(80, table.Rows);
        double best = table.Columns["net_pnl"].Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).Max();
        Assert.Equal(best, top[0]);
    }

    [Fact]
    public void Detail_top_k_re_runs_the_best_combinations_with_orders_and_round_trips_that_match_their_sweep_rows()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--top", "5", "--by", "net_pnl", "--detail", "top:2", "--json", "-q");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        long[] topIndices = json.GetProperty("top").EnumerateArray().Select(r => r.GetProperty("index").GetInt64()).ToArray();
        Assert.Equal(5, topIndices.Length);
        var detail = json.GetProperty("detail").EnumerateArray().ToArray();
        Assert.Equal(new[] { 1, 2 }, detail.Select(d => d.GetProperty("rank").GetInt32()));
        Assert.Equal(topIndices[..2], detail.Select(d => d.GetProperty("index").GetInt64()));

        // The sweep table is the independent record: each re-run's summary and round trips are its row's.
        var table = ReadTable(dir.File("sweep.arrow"));
        foreach (var d in detail)
        {
            long index = d.GetProperty("index").GetInt64();
            string folder = d.GetProperty("folder").GetString()!;
            Assert.Equal(dir.File(Path.Combine("detail", $"index-{index}")), folder);
            foreach (string name in new[] { "summary", "fills", "equity", "orders", "round_trips", "symbols" })
                Assert.True(File.Exists(Path.Combine(folder, name + ".arrow")), name);
            int row = table.Columns["index"].IndexOf(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var summary = ReadTable(Path.Combine(folder, "summary.arrow"));
            Assert.Equal(table.Columns["net_pnl"][row], summary.Columns["net_pnl"][0]);
            Assert.Equal(table.Columns["round_trips"][row], ReadTable(Path.Combine(folder, "round_trips.arrow")).Rows.ToString(System.Globalization.CultureInfo.InvariantCulture));

            var metadata = ReadTable(Path.Combine(folder, "orders.arrow")).Schema.Metadata;
            Assert.Equal("sweep.arrow", metadata["sweep.file"]);
            Assert.Equal($"{index}", metadata["sweep.index"]);
            Assert.Equal(d.GetProperty("rank").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), metadata["sweep.rank"]);
            Assert.Equal("highest net_pnl", metadata["sweep.ranked_by"]);
        }
        Assert.Equal(2, Directory.GetDirectories(dir.File("detail")).Length);
    }

    private static string[] DetailFolders(TempDirectory dir) =>
        Directory.Exists(dir.File("detail")) ? Directory.GetFileSystemEntries(dir.File("detail")).Select(p => Path.GetFileName(p)!).Order().ToArray() : [];

    private static string[] Folders(params long[] indices) => indices.Select(i => $"index-{i}").Order().ToArray();

    [Fact]
    public void A_rerun_replaces_the_detail_folders_of_the_earlier_run_and_one_without_detail_removes_them()
    {
        using var dir = new TempDirectory();
        var first = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--by", "sharpe", "--detail", "top:3", "--json", "-q");
        Assert.Equal(0, first.ExitCode);
        long[] firstIndices = first.Json.GetProperty("detail").EnumerateArray().Select(d => d.GetProperty("index").GetInt64()).ToArray();
        Assert.Equal(Folders(firstIndices), DetailFolders(dir));

        // Other data and another ranking: another best 2. Only those are in detail/, beside the new table.
        var second = Cli.Run("sweep", "-s", "SmaCross", "-d", "synthetic:events=30000,symbols=2,seed=9", "-o", dir.Path, "--by", "net_pnl", "--detail", "top:2", "--json", "-q");
        Assert.Equal(0, second.ExitCode);
        long[] secondIndices = second.Json.GetProperty("detail").EnumerateArray().Select(d => d.GetProperty("index").GetInt64()).ToArray();
        Assert.Equal(2, secondIndices.Length);
        Assert.NotEqual(Folders(firstIndices), Folders(secondIndices)); // else the test could not tell old from new
        Assert.Equal(Folders(secondIndices), DetailFolders(dir));
        var table = ReadTable(dir.File("sweep.arrow"));
        foreach (long index in secondIndices)
        {
            int row = table.Columns["index"].IndexOf(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(table.Columns["net_pnl"][row], ReadTable(dir.File(Path.Combine("detail", $"index-{index}", "summary.arrow"))).Columns["net_pnl"][0]);
        }

        // A sweep without --detail writes a new table that none of the old folders describes.
        var third = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "-q");
        Assert.Equal(0, third.ExitCode);
        Assert.False(Directory.Exists(dir.File("detail")), string.Join(", ", DetailFolders(dir)));
    }

    [Fact]
    public void A_shard_rerun_replaces_only_the_detail_folders_of_its_own_slice()
    {
        using var dir = new TempDirectory();
        // SmaCross has 5 x 4 x 4 = 80 combinations: shard 0/2 is indices 0..39, shard 1/2 is 40..79.
        string[] Shard(int k, string by, bool ascending = false) =>
            ["sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--shard", $"{k}/2", "--by", by, "--detail", "top:1", "--json", "-q", .. ascending ? new[] { "--ascending" } : []];
        long Detailed(Cli.Result r) => r.Json.GetProperty("detail")[0].GetProperty("index").GetInt64();
        var zero = Cli.Run(Shard(0, "net_pnl"));
        var one = Cli.Run(Shard(1, "net_pnl"));
        Assert.True(zero.ExitCode == 0 && one.ExitCode == 0, zero.Error + one.Error);
        long oneIndex = Detailed(one);
        Assert.InRange(Detailed(zero), 0, 39);
        Assert.InRange(oneIndex, 40, 79);

        var again = Cli.Run(Shard(0, "net_pnl", ascending: true));
        Assert.Equal(0, again.ExitCode);
        Assert.InRange(Detailed(again), 0, 39);
        Assert.NotEqual(Detailed(zero), Detailed(again)); // the worst of the slice, not its best
        Assert.Equal(Folders(Detailed(again), oneIndex), DetailFolders(dir));
    }

    [Theory]
    [InlineData("top:0")]
    [InlineData("3")]
    [InlineData("best:3")]
    public void Detail_other_than_top_k_is_a_user_error(string value)
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--detail", value);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--detail: expected top:K with K a positive whole number (e.g. top:3), got '{value}'.", result.Error);
    }

    [Fact]
    public void Sweep_prints_a_table_with_the_statistic_column()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--top", "2", "--by", "max_drawdown", "--ascending");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Top 2 by max_drawdown", result.Out);
        Assert.Contains("80/80", result.Error); // the plain progress line, as output is not a terminal
    }

    [Fact]
    public void Two_shards_merged_equal_the_unsharded_table()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "-q").ExitCode);
        string shards = Path.Combine(dir.Path, "shards");
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", shards, "--shard", "0/2", "-q").ExitCode);
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", shards, "--shard", "1/2", "-q").ExitCode);
        Assert.Equal(40, ReadTable(Path.Combine(shards, "sweep-shard-0-of-2.arrow")).Rows);

        string merged = Path.Combine(dir.Path, "merged.arrow");
        var merge = Cli.Run("sweep", "merge", "--out", merged, Path.Combine(shards, "sweep-shard-1-of-2.arrow"), Path.Combine(shards, "sweep-shard-0-of-2.arrow"));
        Assert.Equal(0, merge.ExitCode);

        var whole = ReadTable(dir.File("sweep.arrow"));
        var joined = ReadTable(merged);
        Assert.Equal(whole.Rows, joined.Rows);
        Assert.Equal(whole.Columns.Keys, joined.Columns.Keys);
        foreach (var (name, values) in whole.Columns) Assert.Equal(values, joined.Columns[name]);
    }

    [Fact]
    public void Parquet_shards_merge_into_the_table_one_unsharded_sweep_writes()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "-q").ExitCode);
        string shards = Path.Combine(dir.Path, "shards");
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", shards, "--shard", "0/2", "--format", "parquet", "-q").ExitCode);
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", shards, "--shard", "1/2", "--format", "parquet", "-q").ExitCode);
        string[] parts = [Path.Combine(shards, "sweep-shard-1-of-2.parquet"), Path.Combine(shards, "sweep-shard-0-of-2.parquet")];

        string merged = Path.Combine(dir.Path, "merged.arrow");
        Assert.Equal(0, Cli.Run(["sweep", "merge", "--out", merged, .. parts]).ExitCode);
        // The unsharded Arrow sweep is the independent table: Parquet round-trips every value and the provenance.
        var whole = ReadTable(dir.File("sweep.arrow"));
        var joined = ReadTable(merged);
        Assert.Equal(whole.Rows, joined.Rows);
        Assert.Equal(whole.Columns.Keys, joined.Columns.Keys);
        foreach (var (name, values) in whole.Columns) Assert.Equal(values, joined.Columns[name]);
        Assert.Equal(whole.Schema.Metadata["backtester.grid.fingerprint"], joined.Schema.Metadata["backtester.grid.fingerprint"]);

        // A Parquet target is written as Parquet (and read back by the same reader report uses).
        string mergedParquet = Path.Combine(dir.Path, "merged.parquet");
        Assert.Equal(0, Cli.Run(["sweep", "merge", "--out", mergedParquet, .. parts]).ExitCode);
        Assert.Equal("PAR1", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(mergedParquet), 0, 4));
        Assert.Equal(80, Backtester.Results.ResultFileReader.Read(mergedParquet).Batches.Sum(b => b.Length));
    }

    [Fact]
    public void Csv_shards_are_refused_by_merge_because_they_carry_no_provenance()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Cli.Run("sweep", "-s", "SmaCross", "-d", Data, "-o", dir.Path, "--shard", "0/2", "--format", "csv", "-q").ExitCode);
        string shard = Path.Combine(dir.Path, "sweep-shard-0-of-2.csv");
        var merge = Cli.Run("sweep", "merge", "--out", dir.File("merged.arrow"), shard);
        Assert.Equal(1, merge.ExitCode);
        Assert.Contains($"{shard}: a CSV file carries no provenance", merge.Error);
        Assert.False(File.Exists(dir.File("merged.arrow")));
    }

    [Theory]
    [InlineData("JOB_COMPLETION_INDEX", "1", null)]
    [InlineData("SLURM_ARRAY_TASK_ID", "1", null)]
    [InlineData("SLURM_ARRAY_TASK_ID", "2", "1")]
    public void Shard_auto_takes_the_index_from_the_scheduler(string variable, string value, string? min)
    {
        using var dir = new TempDirectory();
        var env = new Dictionary<string, string> { [variable] = value };
        if (min is not null) env["SLURM_ARRAY_TASK_MIN"] = min;
        var result = Cli.RunWith(env, "sweep", "-s", "SmaCross", "-d", "synthetic:events=5000,symbols=1", "-o", dir.Path, "--shard", "auto/4", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(20, result.Json.GetProperty("start").GetInt64());
        Assert.True(File.Exists(dir.File("sweep-shard-1-of-4.arrow")));
    }

    [Fact]
    public void Shard_auto_without_a_scheduler_is_a_user_error()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("sweep", "-s", "SmaCross", "-o", dir.Path, "--shard", "auto/4");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("JOB_COMPLETION_INDEX", result.Error);
    }
}
