using System.IO;
using System.Linq;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>A report whose files cannot all be written leaves none of them: before, a full disk left equity.png and a cut trades.png.</summary>
public sealed class ReportAtomicityTests
{
    [Fact]
    public void A_report_that_cannot_write_one_chart_keeps_none_of_its_files()
    {
        using var dir = new TempDirectory();
        const string data = "synthetic:events=20000,symbols=2,seed=5";
        Assert.Equal(0, Cli.Run("run", "-s", "SmaCross", "-d", data, "-p", "Fast=50", "-p", "Slow=500", "-o", dir.Path, "-q").ExitCode);
        string reportDir = Path.Combine(dir.Path, "report");
        // A folder where the second chart goes: the rename of trades.png fails after equity.png is in place.
        Directory.CreateDirectory(Path.Combine(reportDir, "trades.png"));

        var result = Cli.Run("report", "--in", dir.Path, "--out", reportDir, "--data", data);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.StartsWith($"error: cannot write the report to '{Path.Combine(reportDir, "trades.png")}': ", result.Error.Trim());
        Assert.EndsWith("(nothing of this report was kept).", result.Error.Trim());
        Assert.Equal(["trades.png"], Directory.GetFileSystemEntries(reportDir).Select(Path.GetFileName));
    }
}
