using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace Backtester.Cli.Tests;

/// <summary>
/// A result file larger than the file system or the process allows (<c>EFBIG</c>: here <c>ulimit -f</c>) is a write
/// failure naming the file, like a full disk, with nothing left behind. .NET reports it as an
/// <see cref="ArgumentOutOfRangeException"/>, which ended the run as an internal error and left temporary files.
/// </summary>
public sealed class FileSizeLimitTests
{
    [Fact]
    public async System.Threading.Tasks.Task A_run_whose_results_exceed_the_file_size_limit_fails_naming_the_file_and_leaves_nothing()
    {
        if (!OperatingSystem.IsLinux()) return; // ulimit -f is a Unix shell's; the CI runs on Linux
        using var dir = new TempDirectory();
        string tool = typeof(BacktesterCli).Assembly.Location;
        // 20 blocks of 1 KiB: the run's orders and round trips files are larger (about 30 and 21 KB). SIGXFSZ is ignored so the write fails
        // with EFBIG instead of killing the process; W^X off because the runtime itself does not start under the limit
        // with it (it maps its code pages through files).
        string command = $"trap '' XFSZ; ulimit -f 20; exec dotnet '{tool}' run --assembly '{Cli.SampleAssemblies[0]}' -s SmaCross "
            + $"-d synthetic:market,days=2,quotes=false,bars=false --param Fast=50 --param Slow=500 --out '{dir.Path}' -q";
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the tool did not finish in 2 minutes");
        await stdout;

        Assert.Equal(ExitCodes.UserError, process.ExitCode);
        Assert.Matches($@"^error: cannot write results to '{System.Text.RegularExpressions.Regex.Escape(dir.Path)}/[a-z_]+\.arrow': the file would exceed the largest file the file system or the process allows", error.Trim());
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
    }
}
