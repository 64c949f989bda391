using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Backtester.Packaging.Tests;

/// <summary>
/// The user's first steps: `dotnet new install Backtester.Templates`, `dotnet new backtester-strategy -n MyAlpha`,
/// build and run. The template is installed into a temporary hive and CLI home, never the machine's own.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class TemplateTests(LocalFeed feed)
{
    [Fact]
    public void Dotnet_new_backtester_strategy_creates_a_project_that_builds_and_runs_a_sweep()
    {
        string workspace = feed.CreateWorkspace("Template");
        string hive = Path.Combine(workspace, ".hive");
        var cliHome = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(workspace, ".cli-home") };

        DotnetCli.Run(workspace, ["new", "install", feed.PackagePath("Backtester.Templates"), "--debug:custom-hive", hive], cliHome).ShouldSucceed();
        DotnetCli.Run(workspace, ["new", "backtester-strategy", "-n", "MyAlpha", "-o", "MyAlpha", "--no-update-check", "--debug:custom-hive", hive], cliHome).ShouldSucceed();

        var project = new ConsumerProject(Path.Combine(workspace, "MyAlpha"), "MyAlpha");
        string csproj = File.ReadAllText(Path.Combine(project.Directory, "MyAlpha.csproj"));
        Assert.Contains($"""<PackageReference Include="Backtester.Engine" Version="{feed.Version}" />""", csproj);
        Assert.Contains("public partial class MyAlpha", File.ReadAllText(Path.Combine(project.Directory, "MyAlpha.cs")));

        project.Build().ShouldSucceed();
        CliResult run = project.Run().ShouldSucceed();

        const int lookbacks = 5, sizes = 2, everies = 2; // 100..500 step 100; 0.5..1.0 step 0.5; {50, 200}
        Assert.Contains($"MyAlpha: {lookbacks * sizes * everies} combinations", run.Output);
        string[] rows = run.Output.Split('\n').Where(line => line.Contains("Parameters {")).ToArray();
        Assert.True(rows.Length == 5, "expected the top 5 rows\n" + run);
    }
}
