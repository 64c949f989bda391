using System.IO;
using System.Text.Json;
using Backtester.Engine.Tests;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// The samples whose runs outlast the runtime's tiering delay give `dotnet run` an environment without it (decisions
/// 0117 and 0120). Each profile is checked to be the one `Project` profile, named after its sample, with the delay at 0;
/// the quickstart's also turns quick JIT back on over its project's runtimeconfig setting.
/// </summary>
public sealed class SampleLaunchProfileTests
{
    [Theory]
    [InlineData("SmaCross", true)]
    [InlineData("BookMaker", false)]
    [InlineData("MarketMaker", false)]
    [InlineData("PerpCarry", false)]
    [InlineData("SignalLog", false)]
    public void The_launch_profile_gives_dotnet_run_no_tiering_delay(string sample, bool quickJitOn)
    {
        using JsonDocument settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", sample, "Properties", "launchSettings.json")));
        JsonProperty profile = Assert.Single(settings.RootElement.GetProperty("profiles").EnumerateObject());
        Assert.Equal(sample, profile.Name);
        Assert.Equal("Project", profile.Value.GetProperty("commandName").GetString());
        JsonElement environment = profile.Value.GetProperty("environmentVariables");
        Assert.Equal("0", environment.GetProperty("DOTNET_TC_CallCountingDelayMs").GetString());
        Assert.Equal(quickJitOn, environment.TryGetProperty("DOTNET_TC_QuickJit", out JsonElement quickJit));
        if (quickJitOn) Assert.Equal("1", quickJit.GetString());
    }

    [Fact]
    public void BollingerReversion_keeps_the_runtime_defaults_which_measured_faster_for_its_short_run()
    {
        Assert.False(File.Exists(Path.Combine(RepositoryPaths.Root, "samples", "BollingerReversion", "Properties", "launchSettings.json")));
    }
}
