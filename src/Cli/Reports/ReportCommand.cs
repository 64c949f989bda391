using System.CommandLine;

namespace Backtester.Cli.Reports;

internal static class ReportCommand
{
    public static Command Create(CliConsole console) => new("report", "Build an HTML report with PNG charts from result files.");
}
