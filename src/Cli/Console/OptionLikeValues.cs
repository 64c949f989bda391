using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;

namespace Backtester.Cli;

/// <summary>
/// Refuses a value of a many-valued path option or argument (<c>--data a.arrow b.arrow</c>, <c>sweep merge</c>'s shard
/// files) that looks like an option and names no file or folder. Such an option takes every token up to the next option
/// it knows, so a mistyped or another command's option after it (<c>--data d.arrow --fee-bp 2</c>, <c>overfitting
/// --data d.arrow --out x</c>) was read as a file and reported as a data file of unknown format.
/// </summary>
internal static class OptionLikeValues
{
    public static Option<string[]> RefusingOptionLikeValues(this Option<string[]> option)
    {
        option.Validators.Add(Check);
        return option;
    }

    public static Argument<string[]> RefusingOptionLikeValues(this Argument<string[]> argument)
    {
        argument.Validators.Add(Check);
        return argument;
    }

    private static void Check(SymbolResult result)
    {
        foreach (Token token in result.Tokens)
        {
            string value = token.Value;
            if (value.Length > 1 && value[0] == '-' && !File.Exists(value) && !Directory.Exists(value))
            {
                result.AddError($"'{value}' is not an option of this command, nor a file or folder.");
                return;
            }
        }
    }
}
