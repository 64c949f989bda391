using System.IO;

namespace Backtester.Packaging.Tests;

/// <summary>The CLI package installs as a .NET tool named <c>backtester</c> and runs a sweep on the built-in data.</summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class CliToolTests(LocalFeed feed)
{
    [Fact]
    public void The_cli_package_installs_as_the_backtester_tool_and_runs_a_sweep()
    {
        string workspace = feed.CreateWorkspace("tool");
        string tools = Path.Combine(workspace, "tools");
        DotnetCli.Run(workspace, ["tool", "install", "Backtester.Cli", "--tool-path", tools, "--version", feed.Version,
            "--add-source", feed.Directory]).ShouldSucceed();

        string output = Path.Combine(workspace, "out");
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(tools, "backtester"))
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { "sweep", "--strategy", "SmaCross", "--data", "synthetic:events=20000,symbols=2", "--out", output, "--top", "3", "--quiet" })
            start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the tool did not finish in 2 minutes");

        Assert.True(process.ExitCode == 0, $"backtester exited with {process.ExitCode}:\n{stdout}\n{stderr}");
        Assert.True(File.Exists(Path.Combine(output, "sweep.arrow")), $"no sweep.arrow in {output}:\n{stdout}");
    }
}
