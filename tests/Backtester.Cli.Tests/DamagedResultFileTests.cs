using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// <c>report</c> and <c>inspect</c> over a run whose text columns are damaged (the offsets of round_trips' and symbols'
/// utf8 columns, or any of their bytes) either work or fail as a user error naming the file, never an internal error or
/// a crash. Before decision 0104 the report decoded the symbol column with Apache.Arrow's <c>StringArray.GetString</c>,
/// which trusts the offsets: an offset far past the value buffer ended the process (AccessViolationException, which no
/// catch stops, so this test host crashed).
/// </summary>
public sealed class DamagedResultFileTests : IDisposable
{
    private const int OffsetCases = 40; // per text column of each file
    private const int ByteCases = 30; // per mutation kind and file
    private readonly TempDirectory _dir = new();
    private readonly string _run;

    public DamagedResultFileTests()
    {
        _run = Path.Combine(_dir.Path, "run");
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=20000,symbols=2,seed=5", "-p", "Fast=50", "-p", "Slow=500", "-o", _run, "-q").ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>A copy of the run with <paramref name="table"/>.arrow replaced by <paramref name="bytes"/>; returns that file's path.</summary>
    private string Damaged(string table, byte[] bytes)
    {
        string folder = Path.Combine(_dir.Path, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(_run, "*.arrow")) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        string path = Path.Combine(folder, table + ".arrow");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Runs <c>report</c> and <c>inspect</c> on the damaged copy; each succeeds or is a user error naming the file.</summary>
    private static void ReportAndInspect(string path, string what, Dictionary<string, int> refusals)
    {
        string folder = Path.GetDirectoryName(path)!;
        foreach ((string command, string[] args) in new[] { ("report", new[] { "report", "--in", folder, "-q" }), ("inspect", new[] { "inspect", path }) })
        {
            Cli.Result result = Cli.Run(args);
            if (result.ExitCode == 0) continue;
            Assert.True(result.ExitCode == 1 && result.Error.StartsWith("error: ", StringComparison.Ordinal) && result.Error.Contains(path, StringComparison.Ordinal),
                $"{what}, {command}: exit code {result.ExitCode}: {result.Error}");
            refusals[command] = refusals.GetValueOrDefault(command) + 1;
        }
    }

    [Theory]
    [InlineData("round_trips")]
    [InlineData("symbols")]
    public void Damaged_offsets_of_a_text_column_are_a_user_error_naming_the_file(string table)
    {
        string file = Path.Combine(_run, table + ".arrow");
        byte[] original = File.ReadAllBytes(file);
        var random = new Random(20261205); // fixed: the same cases on every run
        var refusals = new Dictionary<string, int>();
        List<TextOffsets> columns = TextOffsetDamage.Find(file);
        Assert.NotEmpty(columns);
        foreach (TextOffsets column in columns)
            for (int c = 0; c < OffsetCases; c++)
            {
                byte[] bytes = TextOffsetDamage.Apply(original, column, random, out string what);
                ReportAndInspect(Damaged(table, bytes), $"{table}.arrow, {what} (case {c})", refusals);
            }

        // The report decodes the symbols and refuses most; inspect reads the schema and footer only, which the damage spares.
        Assert.True(refusals.GetValueOrDefault("report") > columns.Count * OffsetCases / 2, $"report refused {refusals.GetValueOrDefault("report")} of {columns.Count * OffsetCases} cases");
        Assert.Equal(0, refusals.GetValueOrDefault("inspect"));
    }

    [Theory]
    [InlineData("round_trips", ByteMutation.Flip)]
    [InlineData("round_trips", ByteMutation.Splice)]
    [InlineData("symbols", ByteMutation.Flip)]
    [InlineData("symbols", ByteMutation.Truncate)]
    public void Any_damaged_bytes_are_a_user_error_naming_the_file_or_read(string table, ByteMutation mutation)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(_run, table + ".arrow"));
        var random = new Random(20261205 + (int)mutation);
        var refusals = new Dictionary<string, int>();
        for (int c = 0; c < ByteCases; c++)
        {
            byte[] bytes = ByteMutations.Apply(original, mutation, random, out string what);
            ReportAndInspect(Damaged(table, bytes), $"{table}.arrow, {what} (case {c})", refusals);
        }
    }
}
