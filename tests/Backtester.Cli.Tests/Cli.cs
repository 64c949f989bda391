using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Backtester.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output and a given environment (never the process's own).</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Out).RootElement;
    }

    public static Result Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    public static Result RunWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new Dictionary<string, string>(environment) { ["NO_COLOR"] = "1" };
        int code = BacktesterCli.Run(args, new CliConsole(output, error, name => env.GetValueOrDefault(name), IsTerminal: false));
        return new Result(code, output.ToString(), error.ToString());
    }
}

