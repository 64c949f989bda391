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
        Argument<string[]> shards = new Argument<string[]>("shard-files") { Description = "The shard tables (sweep-shard-k-of-N.arrow), in any order.", Arity = ArgumentArity.OneOrMore }.RefusingOptionLikeValues();
        Option<bool> quiet = CommonOptions.Quiet(json: false);
        Option<bool> allowPartial = new("--allow-partial") { Description = "Write the table even when shards are missing; it is marked partial in its metadata, with the missing ranges." };
        var command = new Command("merge", "Merge the tables of a sharded sweep into one, in grid-index order. Refuses shards of different sweeps, overlaps, and (without --allow-partial) gaps.") { output, shards, allowPartial, quiet };
        command.SetAction(parsed =>
        {
            string target = parsed.GetValue(output)!;
            string[] files = parsed.GetValue(shards)!;
            long rows;
            try
            {
                rows = BacktesterCli.Input("cannot merge", () => SweepTable.Merge(files, target, parsed.GetValue(allowPartial)));
            }
            catch (ProvenanceMismatchException e)
            {
                throw new UserErrorException("cannot merge: " + e.Message, e);
            }
            if (!parsed.GetValue(quiet))
                console.Out.WriteLine($"merged {files.Length} shard file{(files.Length == 1 ? "" : "s")}, {rows:N0} rows, into {Path.GetFullPath(target)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
