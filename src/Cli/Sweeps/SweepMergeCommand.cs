using System.CommandLine;
using System.IO;
using Backtester.Results;

namespace Backtester.Cli.Sweeps;

/// <summary><c>backtester sweep merge</c>: concatenates shard tables into the table one unsharded sweep writes.</summary>
internal static class SweepMergeCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> output = new("--out", "-o") { Description = "The merged table, e.g. results/sweep.arrow.", Required = true };
        Argument<string[]> shards = new("shard-files") { Description = "The shard tables (sweep-shard-k-of-N.arrow), in any order.", Arity = ArgumentArity.OneOrMore };
        Option<bool> quiet = CommonOptions.Quiet();
        var command = new Command("merge", "Merge the tables of a sharded sweep into one, in grid-index order.") { output, shards, quiet };
        command.SetAction(parsed =>
        {
            string target = parsed.GetValue(output)!;
            string[] files = parsed.GetValue(shards)!;
            long rows = BacktesterCli.Input("cannot merge", () => SweepTable.Merge(files, target));
            if (!parsed.GetValue(quiet))
                console.Out.WriteLine($"merged {files.Length} shard files, {rows:N0} rows, into {Path.GetFullPath(target)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
