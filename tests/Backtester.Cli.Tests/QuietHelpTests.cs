using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>`--quiet`'s help mentions `--json` only on the commands that have it.</summary>
public sealed class QuietHelpTests
{
    [Theory]
    [InlineData("data", "convert")]
    [InlineData("report")]
    [InlineData("sweep", "merge")]
    public void Quiet_help_of_a_command_without_json_does_not_mention_json(params string[] command)
    {
        string help = Cli.Run([.. command, "--help"]).Out;
        Assert.Contains("Print nothing but errors.", help);
        Assert.DoesNotContain("--json", help);
    }

    [Fact]
    public void Quiet_help_of_a_command_with_json_says_the_json_is_still_printed()
    {
        Assert.Contains("Print nothing but errors (and the JSON with --json).", Cli.Run("run", "--help").Out);
    }
}
