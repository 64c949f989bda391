using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Backtester.Packaging.Tests;

/// <summary>
/// Every command of the README, run literally as a new user would on a fresh machine: the README's bash blocks in
/// order, in a copy of the repository in a temporary folder, with a new home folder (so `dotnet nuget add source`, the
/// template hive and `cd ~` are the test's own, outside the repository); then its two C# blocks built as one project
/// against the packages it packed. Only `dotnet test` (this very suite) is left out.
/// </summary>
/// <remarks>
/// The README packs version 0.1.0, so the global packages folder could hold a 0.1.0 from an earlier run: the test
/// deletes backtester.*/0.1.0 from it before and after (the other packaging tests use unique versions).
/// </remarks>
[Collection(ReadmeCollection.Name)]
[Trait("Category", "Packaging")]
public sealed partial class ReadmeCommandsTests : IDisposable
{
    private static readonly string[] OurPackages = ["backtester.sdk", "backtester.engine", "backtester.cli", "backtester.templates"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "backtester-readme-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Every_readme_command_works_as_written_from_a_fresh_copy_outside_the_repository()
    {
        DeleteOurCachedPackages();
        string repository = Path.Combine(_root, "Backtester"), home = Path.Combine(_root, "home");
        CopyRepository(RepositoryRoot(), repository);
        Directory.CreateDirectory(home);
        string globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["DOTNET_CLI_HOME"] = home, ["NUGET_PACKAGES"] = globalPackages };

        string readme = File.ReadAllText(Path.Combine(repository, "README.md"));
        List<string> blocks = CodeBlocks(readme, "bash");
        Assert.True(blocks.Count >= 3, "expected the quickstart, CLI and NuGet blocks");
        var outputs = new List<string>();
        foreach (string block in blocks)
        {
            // The test suite itself is not run from inside it.
            string script = string.Join('\n', block.Split('\n').Where(line => !line.TrimStart().StartsWith("dotnet test ", StringComparison.Ordinal)));
            outputs.Add(Shell.Run(repository, script, environment, TimeSpan.FromMinutes(20)).ShouldSucceed().Output);
        }

        // The quickstart: the sweep's top rows have plausible statistics, and the files it names exist.
        string quickstart = outputs[0];
        Assert.Contains("Top 10 by Sharpe ratio", quickstart);
        var rows = quickstart.Split('\n').Where(line => line.StartsWith('│') && char.IsDigit(line.Trim('│', ' ')[0])).ToList();
        Assert.Equal(10, rows.Count);
        foreach (string row in rows)
        {
            string[] cells = row.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            double sharpe = double.Parse(cells[6], CultureInfo.InvariantCulture);
            Assert.InRange(Math.Abs(sharpe), 0, 9.99);
            Assert.EndsWith("%", cells[5]); // the return: a finite percentage
        }
        // Ranked by Sharpe ratios of 28 daily returns: the quickstart says their standard error, √(365 / 28) = 3.61.
        Assert.Contains("warning: the equity samples cover 28d (28 returns of 1d)", quickstart);
        Assert.Contains("a Sharpe ratio's standard error is at least 3.61", quickstart);
        foreach (string file in new[] { "out/SmaCross/sweep.arrow", "out/SmaCross/best/summary.arrow", "out/SmaCross/best/orders.arrow", "out/SmaCross/best/round_trips.arrow" })
            Assert.True(File.Exists(Path.Combine(repository, file)), file);

        // The CLI examples.
        foreach (string file in new[] { "out/sweep/sweep.arrow", "out/run/summary.arrow", "out/run/report.html", "out/parquet/summary.parquet", "out/parquet/orders.parquet", "bars.parquet", "out/bars/summary.arrow" })
            Assert.True(File.Exists(Path.Combine(repository, file)), file);
        // The built-in market's four weeks are less than a year: its runs and sweeps say their CAGR is NaN and why
        // (decision 0102), and warn of nothing else.
        string[] warned = outputs[1].Split('\n').Where(line => line.Contains("warning:", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(warned);
        Assert.All(warned, line => Assert.StartsWith("warning: the equity samples cover ", line.Trim()));

        // The NuGet block: the template's sweep ran in ~/MyAlpha, outside the repository.
        Assert.Contains("MyAlpha: 20 combinations", outputs[2]);
        Assert.True(File.Exists(Path.Combine(home, "MyAlpha", "MyAlpha.csproj")));

        // The C# blocks: the strategy and the Backtest.Run/Sweep.Run snippet (with only its `using Backtester;`) in the
        // template's project, against the packed packages.
        List<string> csharp = CodeBlocks(readme, "csharp");
        string snippet = Path.Combine(home, "ReadmeSnippet");
        Directory.CreateDirectory(snippet);
        File.Copy(Path.Combine(home, "MyAlpha", "MyAlpha.csproj"), Path.Combine(snippet, "ReadmeSnippet.csproj"));
        File.WriteAllText(Path.Combine(snippet, "SmaCross.cs"), csharp[0]);
        File.WriteAllText(Path.Combine(snippet, "Program.cs"), csharp[1]);
        Assert.StartsWith("using Backtester;\n\n", csharp[1]);
        string run = Shell.Run(snippet, "dotnet run -c Release", environment, TimeSpan.FromMinutes(10)).ShouldSucceed().Output;
        Assert.Matches(@"net, Sharpe -?\d+\.\d\d, equity sampled every 24 h", run);
    }

    /// <summary>The contents of every fenced block of <paramref name="language"/>, in order.</summary>
    private static List<string> CodeBlocks(string markdown, string language) =>
        Fence().Matches(markdown.ReplaceLineEndings("\n")).Where(m => m.Groups[1].Value == language).Select(m => m.Groups[2].Value).ToList();

    [GeneratedRegex(@"^```(\w+)\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    /// <summary>The repository's files as a clone would have them (tracked and new, not ignored), without bin/obj.</summary>
    private static void CopyRepository(string from, string to)
    {
        CliResult files = Shell.Run(from, "git ls-files -co --exclude-standard", new Dictionary<string, string>(), TimeSpan.FromMinutes(1)).ShouldSucceed();
        foreach (string relative in files.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string source = Path.Combine(from, relative);
            if (!File.Exists(source)) continue; // deleted in the working tree
            string target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backtester.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Backtester.sln above {AppContext.BaseDirectory}.");
    }

    private static void DeleteOurCachedPackages()
    {
        string globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in OurPackages)
        {
            string folder = Path.Combine(globalPackages, id, "0.1.0");
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose()
    {
        DeleteOurCachedPackages();
        try
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The README test packs by itself (not through <see cref="LocalFeed"/>) and runs alone: it builds a lot.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReadmeCollection
{
    public const string Name = "Readme";
}
