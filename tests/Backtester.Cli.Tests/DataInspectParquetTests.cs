using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DuckDB.NET.Data;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// <c>data inspect</c> on Parquet shows the file's own columns and types, and the columns the reader makes of them; a
/// column of the wrong type is refused in the same Parquet terms.
/// </summary>
public class DataInspectParquetTests
{
    private sealed record Column(string Name, string Type, string Physical, string? Logical, string? Converted, bool Nullable, string? ReadAs);

    [Fact]
    public void Inspect_shows_a_duckdb_written_parquet_files_own_columns_types_and_what_each_is_read_as()
    {
        using var dir = new TempDirectory();
        string path = dir.File("trades.parquet");
        // Written by DuckDB, not by us: its own column order, nullable (OPTIONAL) columns, and a column we do not read.
        Duck(d => Execute(d, $"""
            copy (select * from (values
                (1704067200000000000::BIGINT, 'BTCUSDT', 1::TINYINT, 42000.5::DOUBLE, 0.01::DOUBLE, 7::INTEGER),
                (1704067201000000000::BIGINT, 'ETHUSDT', -1::TINYINT, 2300.25::DOUBLE, 0.5::DOUBLE, 8::INTEGER),
                (1704067202000000000::BIGINT, 'BTCUSDT', 1::TINYINT, 42001.0::DOUBLE, 0.02::DOUBLE, 9::INTEGER))
              t(timestamp, symbol, side, price, size, trade_id)) to '{path}' (format parquet)
            """));
        // DuckDB's types in Parquet: BIGINT INT64, VARCHAR BYTE_ARRAY, TINYINT and INTEGER INT32, DOUBLE DOUBLE, every
        // column OPTIONAL; this DuckDB annotates them with the legacy converted types only (INT_64, UTF8, INT_8, INT_32).
        Column[] expected =
        [
            new("timestamp", "INT64 (INT_64), nullable", "INT64", null, "INT_64", true, "timestamp timestamp[ns, UTC]"),
            new("symbol", "BYTE_ARRAY (UTF8), nullable", "BYTE_ARRAY", null, "UTF8", true, "symbol_id int32"),
            new("side", "INT32 (INT_8), nullable", "INT32", null, "INT_8", true, "side int8"),
            new("price", "DOUBLE, nullable", "DOUBLE", null, null, true, "price double"),
            new("size", "DOUBLE, nullable", "DOUBLE", null, null, true, "size double"),
            new("trade_id", "INT32 (INT_32), nullable", "INT32", null, "INT_32", true, null),
        ];
        AssertDuckdbSeesPhysicalTypes(path, expected);

        var inspect = Cli.Run("data", "inspect", path, "--json");
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        JsonElement json = inspect.Json;
        Assert.Equal("parquet", json.GetProperty("format").GetString());
        Assert.Equal(expected, Columns(json));
        Assert.Equal(3, json.GetProperty("file_rows").GetInt64());
        Assert.Equal(1, json.GetProperty("row_groups").GetInt64());
        Assert.Equal(3, json.GetProperty("trades").GetInt64());
        Assert.Equal(["BTCUSDT", "ETHUSDT"], json.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()!));

        var table = Cli.Run("data", "inspect", path);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("BYTE_ARRAY (UTF8), nullable", table.Out);
        Assert.Contains("symbol_id int32", table.Out);
        Assert.Contains("(not read)", table.Out);
        Assert.Contains("3 rows in 1 row group(s)", table.Out);
    }

    [Fact]
    public void Inspect_shows_an_l2_book_parquet_files_own_columns_with_their_parquet_types()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("book.csv"), path = dir.File("book.parquet");
        File.WriteAllText(csv, """
            exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount
            x,BTCUSDT,1704067200000000,1704067200000100,true,ask,42001.5,2.5
            x,BTCUSDT,1704067200000000,1704067200000100,true,bid,42000.5,1.5
            x,BTCUSDT,1704067201000000,1704067201000100,false,bid,42000.5,0

            """);
        Assert.Equal(0, Cli.Run("data", "convert", csv, path, "-q").ExitCode);
        // Our writer's columns (docs/data.md, "Parquet"): long, non-null string, sbyte, double, double, byte, all REQUIRED;
        // Parquet.Net writes both annotations, the logical type and the legacy converted type.
        Column[] expected =
        [
            new("timestamp", "INT64 (INT(64, signed))", "INT64", "INT(64, signed)", "INT_64", false, "timestamp timestamp[ns, UTC]"),
            new("symbol", "BYTE_ARRAY (STRING)", "BYTE_ARRAY", "STRING", "UTF8", false, "symbol_id int32"),
            new("side", "INT32 (INT(8, signed))", "INT32", "INT(8, signed)", "INT_8", false, "side int8"),
            new("price", "DOUBLE", "DOUBLE", null, null, false, "price double"),
            new("size", "DOUBLE", "DOUBLE", null, null, false, "size double"),
            new("flags", "INT32 (INT(8, unsigned))", "INT32", "INT(8, unsigned)", "UINT_8", false, "flags uint8"),
        ];
        AssertDuckdbSeesPhysicalTypes(path, expected);

        var inspect = Cli.Run("data", "inspect", path, "--json");
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        Assert.Equal(expected, Columns(inspect.Json));
        Assert.Equal(3, inspect.Json.GetProperty("file_rows").GetInt64());
        Assert.Equal(3, inspect.Json.GetProperty("book").GetInt64());
        Assert.Equal(1, inspect.Json.GetProperty("row_groups").GetInt64());
    }

    [Fact]
    public void A_parquet_timestamp_column_of_type_timestamp_is_refused_in_parquets_terms_with_what_to_store()
    {
        using var dir = new TempDirectory();
        string path = dir.File("pandas.parquet");
        // A TIMESTAMPTZ column, as pandas or pyarrow write a datetime column: INT64 annotated TIMESTAMP(MICROS, UTC) in DuckDB.
        Duck(d => Execute(d, $"""
            copy (select TIMESTAMPTZ '2024-01-01 00:00:00+00' as timestamp, 'BTCUSDT' as symbol, 42000.0::DOUBLE as price,
              0.5::DOUBLE as size, 1::TINYINT as side) to '{path}' (format parquet)
            """));
        var convert = Cli.Run("data", "convert", path, dir.File("out.arrow"));
        Assert.Equal(1, convert.ExitCode);
        Assert.Equal($"error: cannot convert '{path}': column 'timestamp': expected Parquet type INT64, got INT64 annotated TIMESTAMP(MICROS, UTC) "
            + "(store the timestamps as plain int64 ns since the epoch, UTC: docs/data.md, \"Parquet\")", convert.Error.Trim());
        Assert.Equal([path], dir.Files());
    }

    private static Column[] Columns(JsonElement json) => json.GetProperty("schema").EnumerateArray().Select(c => new Column(
        c.GetProperty("name").GetString()!, c.GetProperty("type").GetString()!, c.GetProperty("physical_type").GetString()!,
        c.GetProperty("logical_type").GetString(), c.GetProperty("converted_type").GetString(), c.GetProperty("nullable").GetBoolean(),
        c.GetProperty("read_as").ValueKind == JsonValueKind.Null ? null
            : $"{c.GetProperty("read_as").GetProperty("name").GetString()} {c.GetProperty("read_as").GetProperty("type").GetString()}")).ToArray();

    /// <summary>An independent reader of the footer agrees with the names, physical types, repetition and converted types written down.</summary>
    private static void AssertDuckdbSeesPhysicalTypes(string path, Column[] expected)
    {
        var seen = new List<string>();
        Duck(d =>
        {
            using var command = d.CreateCommand();
            command.CommandText = $"select name, type, repetition_type, coalesce(converted_type, '-') from parquet_schema('{path}') where num_children is null or num_children = 0";
            using var reader = command.ExecuteReader();
            while (reader.Read()) seen.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} {reader.GetString(3)}");
        });
        Assert.Equal(expected.Select(c => $"{c.Name} {c.Physical} {(c.Nullable ? "OPTIONAL" : "REQUIRED")} {c.Converted ?? "-"}"), seen);
    }

    private static void Duck(Action<DuckDBConnection> act)
    {
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        act(duck);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
