using System;
using System.Linq;
using System.IO;

namespace Backtester.Packaging.Tests;

/// <summary>
/// The CLI package installs as a .NET tool named <c>backtester</c>, ships no strategies, and runs a sweep of a
/// strategy loaded from a compiled assembly (the SmaCross sample, built as a user builds theirs).
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class CliToolTests(LocalFeed feed)
{
    [Fact]
    public void The_cli_package_installs_as_the_backtester_tool_and_sweeps_a_strategy_from_an_assembly()
    {
        var (workspace, tools, strategies) = ToolAndSmaCross("tool");

        string output = Path.Combine(workspace, "out");
        var (code, stdout, stderr) = RunTool(tools, workspace, "sweep", "--strategy", "SmaCross", "--assembly", Path.Combine(strategies, "SmaCross.dll"),
            "--data", "synthetic:events=20000,symbols=2", "--out", output, "--top", "3", "--quiet");

        Assert.True(code == 0, $"backtester exited with {code}:\n{stdout}\n{stderr}");
        Assert.True(File.Exists(Path.Combine(output, "sweep.arrow")), $"no sweep.arrow in {output}:\n{stdout}");
    }

    [Fact]
    public void The_tool_ships_no_strategies_and_says_how_to_load_them()
    {
        string workspace = feed.CreateWorkspace("tool-bare");
        string tools = InstallTool(workspace);

        var (code, _, stderr) = RunTool(tools, workspace, "run", "--strategy", "SmaCross", "--out", Path.Combine(workspace, "out"));

        Assert.Equal(1, code);
        Assert.Contains("no strategy named 'SmaCross': no strategy assembly is loaded", stderr);
        Assert.Contains("--assembly", stderr);
        foreach (string id in ToolPackages)
        {
            var tool = PackageContents.Read(feed.PackagePath(id));
            foreach (string sample in new[] { "SmaCross.dll", "SignalLog.dll", "MarketMaker.dll", "BollingerReversion.dll" })
                Assert.DoesNotContain(tool.Files, file => Path.GetFileName(file) == sample);
        }
    }

    [Fact]
    public void A_first_run_of_the_installed_tool_compiles_only_what_depends_on_the_strategy()
    {
        // Decision 0111: the platform packages carry the venue of the default models precompiled (ReadyToRunRoots), so a
        // first run compiles only the methods generic over the user's strategy. The JIT's own list of what it compiled
        // shows both halves: the venue's strategy-generic methods are there, its order checks and book-keeping are not.
        var (workspace, tools, strategies) = ToolAndSmaCross("tool-jit");
        string listing = Path.Combine(workspace, "jit.txt");
        var environment = new System.Collections.Generic.Dictionary<string, string> { ["DOTNET_JitStdOutFile"] = listing, ["DOTNET_JitDisasmSummary"] = "1" };

        var (code, stdout, stderr) = RunTool(tools, workspace, environment, "run", "--strategy", "SmaCross", "--assembly", Path.Combine(strategies, "SmaCross.dll"),
            "--data", "synthetic:events=20000,symbols=2", "--fee-bps", "2", "--latency-ms", "2", "--out", Path.Combine(workspace, "out"), "--quiet");

        Assert.True(code == 0, $"backtester exited with {code}:\n{stdout}\n{stderr}");
        string[] compiled = File.ReadAllLines(listing);
        string[] venue = compiled.Where(line => line.Contains("Backtester.Execution.ExecutionSimulator`1", StringComparison.Ordinal)).ToArray();
        Assert.Contains(venue, line => line.Contains(":Accept[", StringComparison.Ordinal) && line.Contains("SmaCross+Driver", StringComparison.Ordinal));
        foreach (string method in new[] { ":.ctor()", ":Reset(", ":Check(", ":AddInFlight(", ":NewWorkingOrder(", ":OpenClosed(", ":AcceptPlaced(", ":BookFill(" })
            Assert.DoesNotContain(venue, line => line.Contains(method, StringComparison.Ordinal));

        // Decision 0112: what runs once a run is compiled without optimization, the per-event merge fully optimized, and
        // the framework generics without precompiled code that a run used to need are not compiled at all.
        Assert.Contains(compiled, line => line.Contains("Backtester.BacktestRunner:RunSummary[", StringComparison.Ordinal)
            && line.Contains("SmaCross+Driver", StringComparison.Ordinal) && line.Contains("[MinOpts", StringComparison.Ordinal));
        Assert.Contains(compiled, line => line.Contains("Backtester.EventMerge:Merge[", StringComparison.Ordinal)
            && line.Contains("SmaCross+Driver", StringComparison.Ordinal) && line.Contains("[FullOpts", StringComparison.Ordinal));
        foreach (string framework in new[] { "Dictionary`2[long,int]:Remove(", "System.Array:Fill[double]", "System.Array:Fill[bool]",
            "ReadOnlyMemory`1[Backtester.BookSide]", "ReadOnlyMemory`1[Backtester.BookUpdateFlags]" })
            Assert.DoesNotContain(compiled, line => line.Contains(framework, StringComparison.Ordinal));
    }

    private static readonly string[] Platforms = { "linux-x64", "linux-arm64", "linux-musl-x64", "osx-x64", "osx-arm64", "win-x64" };

    /// <summary>The pointer package, one package per platform, and the portable one.</summary>
    private static readonly string[] ToolPackages = ["Backtester.Cli", "Backtester.Cli.any", .. Platforms.Select(rid => "Backtester.Cli." + rid)];

    [Fact]
    public void Each_platform_gets_a_tool_package_with_only_its_own_natives_and_install_picks_this_machines()
    {
        // The pointer package holds no code; each platform's package holds the chart natives of that platform alone.
        Assert.DoesNotContain(PackageContents.Read(feed.PackagePath("Backtester.Cli")).Files, f => f.EndsWith(".dll", StringComparison.Ordinal));
        foreach (string rid in Platforms)
        {
            var package = PackageContents.Read(feed.PackagePath("Backtester.Cli." + rid));
            Assert.Contains(package.Files, f => f == $"tools/net10.0/{rid}/backtester.dll");
            Assert.Contains(package.Files, f => Path.GetFileName(f).StartsWith("libSkiaSharp.", StringComparison.Ordinal));
            Assert.DoesNotContain(package.Files, f => f.Contains("/runtimes/", StringComparison.Ordinal));
            Assert.True(new FileInfo(feed.PackagePath("Backtester.Cli." + rid)).Length < 15_000_000, rid + ": a platform's package is at most 15 MB");
        }
        // The portable package keeps the natives of every supported platform, for platforms without their own package.
        var portable = PackageContents.Read(feed.PackagePath("Backtester.Cli.any"));
        Assert.Contains(portable.Files, f => f.Contains("/runtimes/win-arm64/native/libSkiaSharp.dll", StringComparison.Ordinal));

        string workspace = feed.CreateWorkspace("tool-platform");
        string tools = InstallTool(workspace);
        string[] natives = Directory.GetFiles(tools, "libSkiaSharp.*", SearchOption.AllDirectories);
        Assert.Equal(new[] { "libSkiaSharp.so" }, natives.Select(Path.GetFileName).Distinct().ToArray()); // linux: only .so, one platform
        Assert.DoesNotContain(natives, f => f.Contains("runtimes", StringComparison.Ordinal));
    }

    /// <summary>A workspace with the tool installed and the SmaCross sample built into its strategies folder, as a user builds theirs.</summary>
    private (string Workspace, string Tools, string Strategies) ToolAndSmaCross(string name)
    {
        string workspace = feed.CreateWorkspace(name);
        string tools = InstallTool(workspace);
        string strategies = Path.Combine(workspace, "strategies");
        DotnetCli.Run(feed.RepositoryRoot, ["build", Path.Combine(feed.RepositoryRoot, "samples", "SmaCross"), "-c", "Release", "-o", strategies]).ShouldSucceed();
        return (workspace, tools, strategies);
    }

    private string InstallTool(string workspace)
    {
        string tools = Path.Combine(workspace, "tools");
        DotnetCli.Run(workspace, ["tool", "install", "Backtester.Cli", "--tool-path", tools, "--version", feed.Version,
            "--add-source", feed.Directory]).ShouldSucceed();
        return tools;
    }

    private static (int Code, string Out, string Error) RunTool(string tools, string workspace, params string[] arguments) =>
        RunTool(tools, workspace, new System.Collections.Generic.Dictionary<string, string>(), arguments);

    private static (int Code, string Out, string Error) RunTool(string tools, string workspace, System.Collections.Generic.IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(tools, "backtester"))
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the tool did not finish in 2 minutes");
        return (process.ExitCode, stdout, stderrTask.Result);
    }
}
