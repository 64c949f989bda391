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
        string workspace = feed.CreateWorkspace("tool");
        string tools = InstallTool(workspace);
        string strategies = Path.Combine(workspace, "strategies");
        DotnetCli.Run(feed.RepositoryRoot, ["build", Path.Combine(feed.RepositoryRoot, "samples", "SmaCross"), "-c", "Release", "-o", strategies]).ShouldSucceed();

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
        var tool = PackageContents.Read(feed.PackagePath("Backtester.Cli"));
        foreach (string sample in new[] { "SmaCross.dll", "SignalLog.dll", "MarketMaker.dll", "BollingerReversion.dll" })
            Assert.DoesNotContain(tool.Files, file => Path.GetFileName(file) == sample);
    }

    private string InstallTool(string workspace)
    {
        string tools = Path.Combine(workspace, "tools");
        DotnetCli.Run(workspace, ["tool", "install", "Backtester.Cli", "--tool-path", tools, "--version", feed.Version,
            "--add-source", feed.Directory]).ShouldSucceed();
        return tools;
    }

    private static (int Code, string Out, string Error) RunTool(string tools, string workspace, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(tools, "backtester"))
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the tool did not finish in 2 minutes");
        return (process.ExitCode, stdout, stderrTask.Result);
    }
}
