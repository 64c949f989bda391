using System.IO;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>--json writes text as itself: '+' and '"' were written as \u002B and \u0022, which a reader of the output decodes but a person or grep does not.</summary>
public sealed class JsonOutputEscapingTests
{
    [Fact]
    public void A_path_with_a_plus_sign_is_written_with_it()
    {
        using var dir = new TempDirectory();
        string output = Path.Combine(dir.Path, "fast+slow");

        var result = Cli.Run("run", "-s", "SmaCross", "-d", "synthetic:events=2000,symbols=1", "-o", output, "--json", "-q");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"\"output\": \"{output}\"", result.Out);
        Assert.Equal(output, result.Json.GetProperty("output").GetString());
    }
}
